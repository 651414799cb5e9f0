"""A local stand-in for Nominatim on 127.0.0.1, able to answer, stall or fail on demand."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

GENEVA = {
    "osm_type": "relation",
    "osm_id": 1685488,
    "lat": "46.2017559",
    "lon": "6.1466014",
    "name": "Geneva",
    "display_name": "Geneva, Switzerland",
    "addresstype": "city",
    "boundingbox": ["46.1777", "46.2317", "6.1102", "6.1758"],
    "address": {"city": "Geneva", "state": "Geneva", "country_code": "ch"},
}


class FakeNominatim:
    """``mode`` is "ok", "slow" (longer than any client timeout), or an HTTP status code."""

    def __init__(self):
        self.mode: str | int = "ok"
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                query = parse_qs(urlsplit(self.path).query)
                fake.requests.append(
                    {"path": urlsplit(self.path).path, "query": query, "agent": self.headers["User-Agent"]}
                )
                if fake.mode == "slow":
                    time.sleep(1.5)
                if isinstance(fake.mode, int):
                    self.send_response(fake.mode)
                    self.end_headers()
                    self.wfile.write(b"error")
                    return
                found = [GENEVA] if query.get("q", [""])[0].lower().startswith("geneva") else []
                body = json.dumps(found).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNominatim:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
