"""How resolution weighs nearness: its shortcuts give what the plain definition gives."""

from __future__ import annotations

import math
import random

import pytest

from geo.parsing.disambiguation import FEW_POINTS, SURE_GAP, Context, Group, Sense, evidence, vote_for_areas


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


def _sense(country: str, admin1: str, latlon: tuple[float, float], population: int) -> Sense:
    return Sense(None, 0, True, 0.0, country, admin1, "city", latlon, population)


@pytest.mark.parametrize(("rival_score", "gap"), [(6.0, SURE_GAP), (9.0, 1.0)])
def test_the_gap_is_to_the_next_sense_elsewhere_not_to_the_same_place_again(rival_score, gap):
    """A city and its own commune scoring alike leave no doubt where the dot goes; a namesake far
    away scoring close does."""
    city = _sense("IT", "07", (41.89, 12.51), 2_800_000)
    commune = _sense("IT", "07", (41.90, 12.48), 2_600_000)
    namesake = _sense("US", "GA", (34.26, -85.16), 36_000)
    group = Group("rome", None, [city, commune, namesake])
    group.add("Rome", "", 0.0)
    group.spans = [[0, 4]]
    group.best, group.scores, group.gap, group.margin = city, [10.0, 9.9, rival_score], 0.1, 2.0
    found = evidence(group, Context())
    assert found.gap == gap
    assert found.rival == pytest.approx(math.log10(36_001))  # the commune is no rival either


def _town(index: int, country: str, admin1: str, latlon: tuple[float, float], population: int) -> Sense:
    return Sense(None, index, True, 0.0, country, admin1, "town", latlon, population)


def _group(name: str, senses: list[Sense], person: str = "", risk: float = 0.0) -> Group:
    group = Group(name, None, senses)
    group.add(name.title(), person, risk)
    return group


def test_town_names_vote_for_the_areas_that_have_them_one_vote_shared():
    """A name one area alone has gives it a whole vote; one three areas share, a third each; a
    person's name or part of a longer name gives none; a group's own vote is not its support."""
    only = _group("tillsonburg", [_town(1, "CA", "08", (42.86, -80.73), 15_000)])
    shared = _group(
        "london",
        [
            _town(2, "GB", "ENG", (51.51, -0.13), 8_900_000),
            _town(3, "CA", "08", (42.98, -81.23), 420_000),
            _town(4, "US", "KY", (37.13, -84.08), 8_000),
        ],
    )
    person = _group("victoria", [_town(5, "CA", "02", (48.43, -123.37), 90_000)], person="a first name")
    inside = _group("orange", [_town(6, "US", "CA", (33.79, -117.85), 130_000)], risk=2.5)
    context = Context()
    vote_for_areas([only, shared, person, inside], context)
    assert dict(context.votes) == pytest.approx({("CA", "08"): 1 + 1 / 3, ("GB", "ENG"): 1 / 3, ("US", "KY"): 1 / 3})
    assert context.voted(shared.senses[1], shared) == pytest.approx(0.5)  # Tillsonburg's vote alone, of 2
    assert context.voted(shared.senses[0], shared) == 0.0
    assert context.voted(only.senses[0], only) == pytest.approx(1 / 6)  # London's third, of 2


def test_a_town_named_two_ways_does_not_vouch_for_itself():
    """A town found as "Dublin" and as "Dublin City" is one piece of evidence: neither gives the
    other its country or area, and the town is placed once; another town of Ireland still counts."""
    dublin, again = _town(7, "IE", "L", (53.35, -6.26), 1_000_000), _town(7, "IE", "L", (53.35, -6.26), 1_000_000)
    bare, city = _group("dublin", [dublin]), _group("dublin city", [again])
    bare.best, city.best = dublin, again
    alone = Context().with_places([bare, city])
    assert alone.placed_total == 1
    assert alone.support(dublin, bare) == 0.0
    cork = _town(8, "IE", "M", (51.90, -8.47), 200_000)
    other = _group("cork", [cork])
    other.best = cork
    assert Context().with_places([bare, city, other]).support(dublin, bare) > 0.0
