"""A web server on 127.0.0.1 for the page and feed tests: it serves tests/pages/ (with every
``http://feeds.test`` in them made its own address) and whatever a test adds, and notes each request."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "pages"
TYPES = {".html": "text/html; charset=utf-8", ".rss": "application/rss+xml", ".atom": "application/atom+xml"}
TYPES[".opml"] = "text/x-opml"
#: Where the saved page is served, as the feeds link to it.
CONVOY = "/news/2023/01/17/convoy-reaches-stepanakert"


@dataclass
class Site:
    """``routes``: path → (status, headers, body, or a function that writes the answer itself)."""

    routes: dict = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def file(self, name: str) -> bytes:
        return (PAGES / name).read_bytes().replace(b"http://feeds.test", self.url.encode())

    def add_file(self, path: str, name: str) -> None:
        self.routes[path] = (200, {"Content-Type": TYPES[Path(name).suffix]}, self.file(name))

    def trickle(self, handler) -> None:
        """A byte a tenth of a second, for a minute unless the test ends first."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(600):
            if self.stop.is_set():
                return
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)


@contextlib.contextmanager
def serving():
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            site.requests.append((self.path, dict(self.headers)))
            route = site.routes.get(self.path)
            with contextlib.suppress(OSError):  # the client hung up, as it should
                if route is None:
                    self.send_error(404)
                elif callable(route):
                    route(self)
                else:
                    status, headers, body = route
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        def log_message(self, *args):
            pass

    http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    http.daemon_threads = True
    site.url = f"http://127.0.0.1:{http.server_address[1]}"
    site.add_file(CONVOY, "news_page.html")
    site.add_file("/feed.rss", "feed.rss")
    site.add_file("/feed.atom", "feed.atom")
    site.add_file("/feeds.opml", "feeds.opml")
    threading.Thread(target=http.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        site.stop.set()
        http.shutdown()
        http.server_close()
