"""Family 9, round 2: a Nominatim on 127.0.0.1 that trickles, floods, redirects, writes escape
codes, sends five hundred places or boxes without end. The look-up ends by its deadline, reads
at most 1 MB and ten places, follows no redirect, quotes only a short cleaned excerpt, and drops
a place it cannot trust: ``geo resolve`` answers or exits 2 in two lines, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.model.errors import AnswerTooLarge, GeocoderQueryError, GeocoderTimedOut
from geo.parsing.geocoders.chain import ResolverChain, online_geocoder
from geo.parsing.geocoders.nominatim import MAX_RESULTS, NominatimGeocoder
from tests.hostile.conftest import geo
from tests.hostile.test_geocoder import _bound, answer

NAME = "Qqzzyx Geneva"  # in neither the curated data nor the gazetteer: Nominatim is asked
MB = 1 << 20


class Server:
    """Answers each request with ``respond(handler)``, noting the requests and the bytes sent."""

    def __init__(self, respond):
        from http.server import BaseHTTPRequestHandler

        self.respond, self.requests, self.sent = respond, [], 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(parse_qs(urlsplit(self.path).query))
                with contextlib.suppress(OSError):  # the client hung up, as it should
                    server.respond(self)

            def log_message(self, *args):
                pass

        self.http = _bound(Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def write(self, handler, data: bytes) -> None:
        handler.wfile.write(data)
        self.sent += len(data)

    def close(self):
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(respond) -> Server:
        servers.append(Server(respond))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def send(handler, body: bytes, status: int = 200, **headers: str) -> None:
    handler.send_response(status)
    for key, value in {"Content-Type": "application/json", "Content-Length": str(len(body)), **headers}.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def places(*found: dict) -> callable:
    return lambda handler: send(handler, json.dumps(list(found)).encode())


def resolve(server: Server, var, name: str = NAME, **env: str):
    """``geo resolve NAME --online`` against the server; the time it took, for hang detection."""
    start = time.monotonic()
    result = geo("resolve", name, "--online", var=var, NOMINATIM_URL=server.url, **env)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr + result.stdout
    return result, time.monotonic() - start


def could_not_answer(result) -> str:
    """Exit 2 in two lines: why Nominatim could not answer, and that no place is known; the why."""
    assert result.returncode == 2, result.stderr
    why, nothing = result.stderr.splitlines()
    assert nothing == f"no place known as '{NAME}'"
    assert why.startswith("nominatim could not answer: Nominatim "), why
    return why


def trickle(server: Server, headers_too: bool):
    """A byte every half second, for a minute: each read comes in time, the answer never does."""

    def respond(handler):
        if not headers_too:
            handler.send_response(200)
            handler.send_header("Content-Length", "1000")
            handler.end_headers()
            handler.wfile.flush()
        for byte in b"HTTP/1.1 200 OK\r\n" if headers_too else b"[" + b" " * 200:
            server.write(handler, bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.5)

    return respond


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "status line"])
def test_a_trickling_server_is_cut_off_at_the_deadline_of_the_whole_look_up(headers_too, serve, var):
    server = serve(lambda handler: None)
    server.respond = trickle(server, headers_too)
    result, took = resolve(server, var, ATLAS_LOOKUP_SECONDS="2")
    assert could_not_answer(result).endswith("did not answer in time: no whole answer within 2 s")
    assert took < 15  # hang detection only: the deadline is 2 s
    assert server.sent >= 2  # several reads came in time, each under any per-read timeout


def test_the_deadline_is_a_timeout_error_in_python(serve):
    server = serve(lambda handler: None)
    server.respond = trickle(server, headers_too=False)
    start = time.monotonic()
    with pytest.raises(GeocoderTimedOut) as caught:
        NominatimGeocoder(server.url, timeout=1).geocode(NAME)
    assert isinstance(caught.value, TimeoutError)
    assert time.monotonic() - start < 10


def flood(server: Server, status: int, chunk: bytes):
    """100 MB announced and sent for as long as the client reads."""

    def respond(handler):
        handler.send_response(status)
        handler.send_header("Content-Length", str(100 * MB))
        handler.end_headers()
        for _ in range(100 * MB // len(chunk)):
            server.write(handler, chunk)

    return respond


@pytest.mark.parametrize(
    ("status", "chunk"),
    [(200, b'[{"lat": "1", "lon": "2", "display_name": "' + b"x" * 65536), (500, b"<html>Overloaded " * 4096)],
    ids=["a list of places", "an error page"],
)
def test_a_huge_answer_is_not_read_whole_nor_quoted(status, chunk, serve, var):
    server = serve(lambda handler: None)
    server.respond = flood(server, status, chunk)
    result, _ = resolve(server, var)
    why = could_not_answer(result)
    assert len(why) < 160, why
    assert server.sent < 20 * MB  # the client stopped reading after its 1 MB
    if status == 200:
        assert why.endswith("an answer of more than 1024 kB, not read further")
    else:
        assert "HTTP 500: '<html>Overloaded <html>Overloaded" in why and why.endswith("…'"), why


def test_too_large_is_a_kind_of_unavailable(serve):
    server = serve(lambda handler: None)
    server.respond = flood(server, 200, b" " * 65536)
    with pytest.raises(AnswerTooLarge):
        NominatimGeocoder(server.url).geocode(NAME)


ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b[31m"


def test_escape_codes_in_an_error_reach_no_terminal(serve, var):
    server = serve(lambda handler: send(handler, f"{ESCAPES}<h1>Bad\x00 gateway</h1>\r\n".encode(), 502))
    why = could_not_answer(resolve(server, var)[0])
    assert why.endswith("HTTP 502: '<h1>Bad gateway</h1>'"), why


def test_escape_codes_in_a_place_reach_no_terminal(serve, var):
    server = serve(places(answer(name=f"{ESCAPES}Geneva\x1b[0m", address={"state": f"Gen{ESCAPES}eva"})))
    result, _ = resolve(server, var)
    assert result.returncode == 0, result.stderr
    assert "\tGeneva\tGeneva\t46.20176, 6.14660\tnominatim:relation/1685488" in result.stdout


def test_five_hundred_places_are_read_as_ten_at_most(serve, var):
    many = [answer(osm_id=i, name=f"Geneva {i}") for i in range(500)]
    server = serve(places(*many))
    result, _ = resolve(server, var)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 5  # resolve asks for 5
    assert server.requests[0]["limit"] == ["5"]
    found = NominatimGeocoder(server.url).geocode(NAME, limit=500)
    assert [c.name for c in found] == [f"Geneva {i}" for i in range(MAX_RESULTS)]
    assert server.requests[1]["limit"] == [str(MAX_RESULTS)]


@pytest.mark.parametrize("where", ["another port", "the same server"])
def test_a_redirect_is_not_followed(where, serve, var):
    elsewhere = serve(places(answer()))
    target = elsewhere.url if where == "another port" else ""
    server = serve(lambda handler: send(handler, b"", 302, Location=f"{target}/search?q=x&format=json"))
    why = could_not_answer(resolve(server, var)[0])
    assert why.endswith("HTTP 302: a redirect, not followed"), why
    assert len(server.requests) == 1 and elsewhere.requests == []


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_empty_name_is_refused_before_any_request(name, serve, var, monkeypatch):
    server = serve(places(answer()))
    result, _ = resolve(server, var, name=name)
    assert (result.returncode, result.stderr) == (2, "resolve: the name to look up is empty\n")
    with pytest.raises(GeocoderQueryError):
        NominatimGeocoder(server.url).geocode(name)
    monkeypatch.setenv("ATLAS_VAR", str(var))
    lookup = ResolverChain([online_geocoder(server.url)]).lookup(name)
    assert (lookup.candidates, lookup.failures) == ([], {})
    assert server.requests == []


BAD_BOXES = {
    "infinite": ["-inf", "inf", "6.1", "6.2"],
    "NaN": ["46.1", "NaN", "6.1", "6.2"],
    "past the poles": ["-1e308", "1e308", "-1e308", "1e308"],
    "three numbers": ["46.1", "46.2", "6.1"],
}


@pytest.mark.parametrize("box", BAD_BOXES)
def test_a_place_with_a_box_off_the_globe_is_dropped(box, serve, var):
    alone = serve(places(answer(boundingbox=BAD_BOXES[box])))
    why = could_not_answer(resolve(alone, var)[0])
    assert "malformed answer, 0.boundingbox" in why, why
    beside = serve(places(answer(boundingbox=BAD_BOXES[box], osm_id=1), answer()))
    (geneva,) = NominatimGeocoder(beside.url).geocode(NAME)
    assert geneva.coord_source == "nominatim:relation/1685488" and 3000 < geneva.precision_m < 5000


@pytest.mark.parametrize("value", ["abc", "0", "-1", "inf", "nan"])
def test_a_deadline_that_is_no_positive_number_is_could_not_answer(value, serve, var):
    server = serve(places(answer()))
    why = could_not_answer(resolve(server, var, ATLAS_LOOKUP_SECONDS=value)[0])
    assert why.endswith(f"ATLAS_LOOKUP_SECONDS={value!r}: give a positive number of seconds"), why
    assert server.requests == []


def test_names_too_long_are_refused_before_any_request(serve):
    server = serve(places(answer()))
    with pytest.raises(GeocoderQueryError):
        NominatimGeocoder(server.url).geocode("x" * 256)
    assert server.requests == []


def test_the_add_article_pages_look_ups_hold_against_the_server(serve, empty_corpus, monkeypatch):
    """The review's two look-ups, in Streamlit's AppTest: a box past the poles, escape codes in a
    name and an empty name end in no traceback; the sound place is offered, cleaned."""
    from tests.test_app_add_article import fill, page

    poles = ["-1e308", "1e308", "-1e308", "1e308"]
    server = serve(places(answer(boundingbox=poles, osm_id=1), answer(name=f"{ESCAPES}Qqzzyx Page")))
    monkeypatch.setenv("ATLAS_ONLINE", "1")
    monkeypatch.setenv("NOMINATIM_URL", server.url)
    at = fill(page(), "Example Times", "2022-12-20")
    at.text_input(key="add.missed_name").input("Qqzzyx Page").run()
    next(b for b in at.button if b.label == "Look up this name").click().run()
    assert not at.exception
    [pick] = [s for s in at.selectbox if s.label.startswith("“Qqzzyx Page” is")]
    assert pick.options == ["Qqzzyx Page (Geneva, CH) · city · nominatim:relation/1685488"]
    at.text_input(key="add.lookup.0").input("   ").run()
    at.button(key="add.lookup_button.0").click().run()
    assert not at.exception
    assert [i.value.startswith("No place known as “") for i in at.info] == [True]
    assert len(server.requests) == 1
