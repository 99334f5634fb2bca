"""Helpers for tests that start real servers on 127.0.0.1: free ports, required Debian tools."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.dbs import IN_CI

# Redis on 127.0.0.1:6379, one logical database per xdist worker (gw0 -> 1, gw1 -> 2, ...; 0
# without xdist): keys such as the send limiter's `parley:telegram:1` never meet across workers.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
REDIS_URL = f"redis://127.0.0.1:6379/{int(_WORKER[2:]) % 15 + 1 if _WORKER[2:].isdigit() else 0}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def require_installed(binary: str, package: str) -> None:
    """Skip locally, fail under CI=true, when a tool `make test-services` installs is missing."""
    if Path(binary).is_file():
        return
    reason = f"{package} is not installed (`make test-services`)"
    if IN_CI:
        pytest.fail(f"{reason}: CI=true requires it", pytrace=False)
    pytest.skip(reason)
