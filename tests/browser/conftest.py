"""A real Streamlit server and a real Chromium, both on loopback, for the browser tests.

Every request that is not for 127.0.0.1 is aborted and recorded, so a test that passes
has drawn the map with no network at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench import loopback
from bench.loopback import CHROMIUM, CHROMIUM_ARGS, Server


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def start_server(data_dir: Path | None, log: Path) -> Server:
    """Serve the app for a test; a server that never answers fails the test with its log."""
    try:
        return loopback.start("app.py", log, data_dir)
    except loopback.ServerError as exc:
        pytest.fail(str(exc))


def start_server_over(home, var: Path) -> Server:
    """Serve the app over a corpus of the test's own, ``home = own_corpus(var)``: its ATLAS_VAR (and
    on PostgreSQL its ATLAS_DATABASE_URL) for the server alone."""
    with pytest.MonkeyPatch.context() as patch:
        home.enter(patch)
        return start_server(None, Path(var) / "streamlit.log")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing and CI is set: the browser tests must run")
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium to run the browser tests")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app_server(chromium_path, tmp_path_factory) -> Iterator[Server]:
    server = start_server(None, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield server
    loopback.stop(server.process)


@dataclass
class Requests:
    """Every request the page made, and those aborted for leaving the machine."""

    seen: list[tuple[str, str]] = field(default_factory=list)
    blocked: list[tuple[str, str]] = field(default_factory=list)


def upload_to_form(page, files) -> None:
    """Give the form's file uploader ``files`` and wait until the upload has registered (its chip
    shown, no spinner): a form submitted sooner reads no file and reports the missing fields."""
    form = page.locator("[data-testid=stForm]")
    form.locator("input[type=file]").set_input_files(files)  # the form's, not the web page one
    form.locator("[data-testid=stFileChip]").first.wait_for()
    form.locator("[data-testid=stFileChipIconSpinner]").wait_for(state="detached")


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


@pytest.fixture
def offline_page(browser):
    """A fresh page where only 127.0.0.1 answers; alert/confirm dialogs are recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    requests = Requests()
    dialogs: list[str] = []

    def route(handle):
        request = handle.request
        requests.seen.append((request.resource_type, request.url))
        if is_local(request.url):
            handle.continue_()
        else:
            requests.blocked.append((request.resource_type, request.url))
            handle.abort()

    context.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.requests = requests
    page.dialogs = dialogs
    yield page
    context.close()
