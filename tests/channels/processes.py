"""Real processes for the multi-process tests and bench: `parley serve` and `chroma run`.

Each child binds 127.0.0.1 on a free port, logs to a file under the test's temp dir, and is
always stopped (SIGTERM, then SIGKILL after a bound) by the context managers here.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Process = asyncio.subprocess.Process


async def wait_for_http(url: str, *, within: float, proc: Process) -> None:
    """Poll `url` until it answers 200; fail early if the process exits."""
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3)) as http:
        while time.monotonic() < deadline:
            if proc.returncode is not None:
                raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.25)
    raise TimeoutError(f"{url} not ready within {within:.0f}s")


async def stop_process(proc: Process, sig: int = signal.SIGTERM) -> int:
    """Stop and reap the child (SIGKILL after a bound); returns its exit code."""
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            await asyncio.wait_for(proc.wait(), STOP_TIMEOUT_S)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
    return int(proc.returncode or 0)


@contextlib.asynccontextmanager
async def chroma_server(data: Path) -> AsyncIterator[int]:
    """`chroma run` from the installed chromadb package; yields its port."""
    port = free_port()
    log = (data / "chroma.log").open("wb")
    proc = await asyncio.create_subprocess_exec(
        str(BIN / "chroma"), "run", "--path", str(data / "chroma-server"), "--host",
        "127.0.0.1", "--port", str(port), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        await wait_for_http(
            f"http://127.0.0.1:{port}/api/v2/heartbeat", within=START_TIMEOUT_S, proc=proc
        )
        yield port
    finally:
        await stop_process(proc)
        log.close()


@dataclass
class Serve:
    """One `parley serve` child process."""

    name: str
    port: int
    proc: Process
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def kill(self) -> None:
        """SIGKILL: no clean-up runs, exactly like a crashed machine or an OOM kill."""
        await stop_process(self.proc, signal.SIGKILL)

    async def terminate(self) -> int:
        """SIGTERM: the graceful shutdown path."""
        return await stop_process(self.proc)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def serve_env(base: dict[str, str], *, node: str, port: int, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env["PYTHONPATH"] = str(ROOT)
    return (
        env
        | base
        | {
            "PARLEY_CLUSTER__NODE_NAME": node,
            "PARLEY_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "PARLEY_DATA_DIR": str(data / node),
        }
    )


async def start_serve(name: str, env: dict[str, str], data: Path, *args: str) -> Serve:
    port = free_port()
    log = data / f"{name}.log"
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            str(BIN / "parley"), "serve", "--host", "127.0.0.1", "--port", str(port), *args,
            env=serve_env(env, node=name, port=port, data=data),
            stdout=out, stderr=subprocess.STDOUT, cwd=data,
        )  # fmt: skip
    server = Serve(name, port, proc, log)
    try:
        await wait_for_http(f"{server.url}/readyz", within=START_TIMEOUT_S, proc=proc)
    except BaseException:
        await stop_process(proc, signal.SIGKILL)
        raise
    return server


@contextlib.asynccontextmanager
async def serving(name: str, env: dict[str, str], data: Path, *args: str) -> AsyncIterator[Serve]:
    server = await start_serve(name, env, data, *args)
    try:
        yield server
    finally:
        await stop_process(server.proc)
