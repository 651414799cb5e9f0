"""A Streamlit server and Chromium, both kept on loopback; shared by the bench and the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
CHROMIUM = Path("/usr/bin/chromium")
# Quiet Chromium: no background calls home that would blur "nothing leaves the machine".
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Server:
    """A running Streamlit app, where it answers, and where its output goes."""

    url: str
    process: subprocess.Popen
    log: Path


class ServerError(RuntimeError):
    """The app did not come up; the message carries its log."""


def free_port() -> int:
    """A free port: the first free one of ``ATLAS_PORTS`` ("8650-8659") when set, for a machine whose
    developers share it by port ranges; otherwise any the system gives."""
    first, _, last = os.environ.get("ATLAS_PORTS", "0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: a closed port is free
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError(f"no free port in ATLAS_PORTS={os.environ['ATLAS_PORTS']}")


def start(script: str, log: Path, data_dir: Path | None = None, *, env: dict | None = None) -> Server:
    """Serve a script from the project root on 127.0.0.1; raise ServerError if it never answers.

    ``env`` adds to the environment (ATLAS_VAR for a corpus of its own).
    """
    port = free_port()
    env = {**os.environ, **(env or {}), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if data_dir is not None:
        env["ATLAS_DATA"] = str(data_dir)
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise ServerError(f"{script} did not start within {START_TIMEOUT_S}s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    """Terminate the server, killing it if it will not go."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
