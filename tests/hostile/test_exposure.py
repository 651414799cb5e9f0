"""Family 14: who the server answers. `make run` and `streamlit run app.py` listen on 127.0.0.1
only; `make serve` reaches others read-only; adding and removing articles open only to this
machine or behind ATLAS_WRITE_TOKEN; an error the app did not catch shows no server path."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.loopback import free_port
from geo.model.settings import may_write
from tests.conftest import ROOT, SEED_ARTICLE
from tests.test_app_articles import two_articles  # noqa: F401  (a fixture)


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port``, read from the kernel's tables."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address if len(address) == width else "?")
    return found


def test_the_app_started_as_the_contract_says_listens_on_this_machine_only(tmp_path):
    port = free_port()
    env = {**os.environ, "ATLAS_VAR": str(tmp_path)}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not listening_addresses(port) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
        # 127.0.0.1 in the kernel's little-endian hex; every interface would be 00000000.
        assert listening_addresses(port) == {"0100007F"}
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "Network URL" not in output and "External URL" not in output


def make_dry_run(target: str) -> str:
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True)
    return next(line for line in result.stdout.splitlines() if "streamlit run" in line)


def test_make_run_names_the_loopback_address_and_make_serve_is_read_only():
    assert "--server.address 127.0.0.1" in make_dry_run("run")
    served = make_dry_run("serve")
    assert served.startswith("ATLAS_READ_ONLY=1 ") and "--server.address 0.0.0.0" in served


def test_an_uncaught_error_shows_no_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["address"] == "127.0.0.1"


@pytest.mark.parametrize(
    ("address", "env", "token", "allowed"),
    [
        ("127.0.0.1", {}, None, True),
        ("localhost", {}, None, True),
        ("::1", {}, None, True),
        ("0.0.0.0", {}, None, False),
        ("192.168.1.5", {}, None, False),
        (None, {}, None, False),  # unset: Streamlit listens on every interface
        ("not an address", {}, None, False),
        ("127.0.0.1", {"ATLAS_READ_ONLY": "1"}, None, False),
        ("0.0.0.0", {"ATLAS_WRITE_TOKEN": "s3cret"}, "s3cret", True),
        ("0.0.0.0", {"ATLAS_WRITE_TOKEN": "s3cret"}, "s3cre", False),
        ("127.0.0.1", {"ATLAS_WRITE_TOKEN": "s3cret"}, None, False),  # a token is asked for everywhere
        ("0.0.0.0", {"ATLAS_WRITE_TOKEN": "s3cret", "ATLAS_READ_ONLY": "1"}, "s3cret", True),
    ],
)
def test_who_may_write(monkeypatch, address, env, token, allowed):
    monkeypatch.delenv("ATLAS_READ_ONLY", raising=False)
    monkeypatch.delenv("ATLAS_WRITE_TOKEN", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert may_write(address, token) is allowed


def add_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "4_Add_article.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_a_read_only_atlas_offers_no_way_to_add(monkeypatch, empty_corpus):
    monkeypatch.setenv("ATLAS_READ_ONLY", "1")
    at = add_page()
    assert [i.value.split(":")[0] for i in at.info] == ["This atlas is served read-only"]
    assert not at.button and not at.text_area


def test_with_a_write_token_the_form_opens_only_to_the_token(monkeypatch, empty_corpus):
    monkeypatch.setenv("ATLAS_WRITE_TOKEN", "s3cret")
    at = add_page()
    assert not at.button and at.text_input[0].label.startswith("Write token")
    at.text_input[0].input("guess").run()
    assert [e.value for e in at.error] == ["That is not the write token."] and not at.button
    at.text_input[0].input("s3cret").run()
    assert [b.label for b in at.button] == ["Fetch the page", "Find places"]
    at.run()  # the token holds on the next rerun, though its field is gone
    assert [b.label for b in at.button] == ["Fetch the page", "Find places"]


@pytest.mark.store
def test_a_read_only_atlas_offers_no_remove(monkeypatch, two_articles):  # noqa: F811
    monkeypatch.setenv("ATLAS_READ_ONLY", "1")
    at = AppTest.from_file(str(ROOT / "pages" / "3_Article.py"), default_timeout=60)
    at.run()
    assert at.selectbox[0].value == SEED_ARTICLE
    at.selectbox[0].select(two_articles).run()
    assert not at.exception and not at.button and not at.checkbox
    assert any(i.value.startswith("This atlas is served read-only: removing articles is off") for i in at.info)
