"""Ways to break storage without root on the host: read-only mounts in a mount namespace of our
own (``unshare``), or plain permissions when not running as root; a disk that fills up, as a
file size limit."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

_MOUNT_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'


def read_only(folder: Path, command: list[str]) -> list[str]:
    """``command`` run with ``folder`` read-only: as root (where permissions do not bind), a
    read-only bind mount in a private mount namespace; otherwise the folder loses its write bits."""
    if os.geteuid() != 0:
        for path in (folder, *folder.rglob("*")):
            path.chmod(path.stat().st_mode & ~0o222)
        return command
    unshare = shutil.which("unshare")
    probe = [unshare, "-r", "-m", "sh", "-c", _MOUNT_READ_ONLY, str(folder), "true"] if unshare else None
    if probe is None or subprocess.run(probe, capture_output=True, check=False).returncode != 0:
        pytest.skip("running as root, and no mount namespace can be made for a read-only mount")
    return [unshare, "-r", "-m", "sh", "-c", _MOUNT_READ_ONLY, str(folder), *command]


def disk_full_after(size: int):
    """A ``preexec_fn``: files stop growing at ``size`` bytes, and writing past it fails (EFBIG)
    instead of killing the process, as on a full disk."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit
