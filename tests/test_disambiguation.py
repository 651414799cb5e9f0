"""How resolution weighs nearness: its shortcuts give what the plain definition gives."""

from __future__ import annotations

import math
import random

import pytest

from geo.parsing.disambiguation import FEW_POINTS, Context


def plain_nearness(point: tuple[float, float], points: list[tuple[float, float]]) -> float:
    """The definition: 2 if another point lies within 150 km, 1 within 400 km, else 0."""
    nearest = min((_km(point, p) for p in points if p != point), default=math.inf)
    return 2.0 if nearest < 150 else 1.0 if nearest < 400 else 0.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("count", [1, FEW_POINTS, FEW_POINTS + 1, 400])
def test_nearness_reads_all_points_or_their_cells_alike(count):
    """Few points are all read, many through cells; near the poles and across the date line too."""
    rng = random.Random(count)
    points = [(rng.uniform(-89, 89), rng.uniform(-180, 180)) for _ in range(count)]
    points += [(lat + rng.uniform(-3, 3), lon + rng.uniform(-5, 5)) for lat, lon in points[:3]]
    points = [(max(-90.0, min(90.0, lat)), (lon + 180) % 360 - 180) for lat, lon in points]
    context = Context(points=points)
    asked = points[:20] + [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(300)]
    asked += [(89.5, 179.9), (-89.5, -179.9), (0.0, 179.99), (0.0, -179.99)]
    assert [context.nearness(p) for p in asked] == [plain_nearness(p, points) for p in asked]
