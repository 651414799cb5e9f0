"""Families 9 and 10: 13 kinds of answer from a fake Nominatim on 127.0.0.1, and the one
request a second shared by threads and by separate processes.

A malformed answer is "could not answer": the chain falls back, says so, and ``resolve``
exits 2 — never 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

import pytest

from geo.cli import main
from geo.parsing.geocoders.chain import online_geocoder
from tests.conftest import ROOT
from tests.fake_nominatim import GENEVA
from tests.hostile.conftest import GEO


class Fake:
    """Answers every request with ``body`` and ``status``, noting when each arrived."""

    def __init__(self):
        self.body, self.status, self.arrivals = b"[]", 200, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.arrivals.append(time.time())
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(fake.body)))
                self.end_headers()
                self.wfile.write(fake.body)

            def log_message(self, *args):
                pass

        self.server = _bound(Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _bound(handler) -> ThreadingHTTPServer:
    """A server on a port of ``ATLAS_PORTS`` when set (taken even from a just-closed fake, as the
    server reuses addresses), else on any the system gives."""
    first, _, last = os.environ.get("ATLAS_PORTS", "0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
    raise OSError(f"no free port in ATLAS_PORTS={os.environ['ATLAS_PORTS']}")


@pytest.fixture
def fake():
    server = Fake()
    yield server
    server.close()


def answer(**change) -> dict:
    place = {k: v for k, v in {**GENEVA, **change}.items() if v is not None}
    return place


ANSWERS = {
    "a good answer": ([answer()], 0),
    "nothing found": ([], 2),
    "a latitude that is no number": ([answer(lat="abc")], 2),
    "NaN": ([answer(lat="NaN")], 2),
    "infinity": ([answer(lon="inf")], 2),
    "a latitude out of range": ([answer(lat="200")], 2),
    "no display_name": ([answer(display_name=None)], 2),
    "an object, not a list": (answer(), 2),
    "an error object": ({"error": "Unable to geocode"}, 2),
    "null": (None, 2),
    "strings, not places": (["Geneva"], 2),
    "a bounding box of words": ([answer(boundingbox=["a", "b"])], 2),
    "not JSON at all": ("<html>Service unavailable</html>", 2),
}


@pytest.mark.parametrize("kind", ANSWERS)
def test_every_answer_is_used_or_is_could_not_answer(kind, fake, var, monkeypatch, capsys):
    body, status = ANSWERS[kind]
    fake.body = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    monkeypatch.setenv("NOMINATIM_URL", fake.url)
    monkeypatch.setenv("ATLAS_VAR", str(var))
    assert main(["resolve", "Qqzzyx Geneva", "--online"]) == status
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    if status == 0:
        assert "nominatim:relation/1685488" in out
    elif kind != "nothing found":
        assert err.splitlines()[0].startswith("nominatim could not answer: Nominatim could not answer"), err
        assert err.splitlines()[-1] == "no place known as 'Qqzzyx Geneva'"
    assert len(fake.arrivals) == 1


def gaps(arrivals: list[float]) -> list[float]:
    ordered = sorted(arrivals)
    return [round(b - a, 2) for a, b in pairwise(ordered)]


def test_threads_each_with_its_own_geocoder_share_one_request_a_second(fake, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_VAR", str(tmp_path))
    threads = [threading.Thread(target=online_geocoder(fake.url).geocode, args=(f"name {i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(fake.arrivals) == 4
    assert min(gaps(fake.arrivals)) >= 0.8, gaps(fake.arrivals)


def test_separate_processes_share_one_request_a_second(fake, var):
    env = {**os.environ, "ATLAS_VAR": str(var), "NOMINATIM_URL": fake.url}
    processes = [
        subprocess.Popen([*GEO, "resolve", f"Qqzzyx {i}", "--online"], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for i in range(3)
    ]
    for process in processes:
        assert process.wait(120) == 2, process.stderr.read()
    assert len(fake.arrivals) == 3
    assert min(gaps(fake.arrivals)) >= 0.8, gaps(fake.arrivals)
