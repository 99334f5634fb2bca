"""Real servers for the deploy tests: Debian's nginx running our templates, and `chroma run`.

Templates are rendered the way the nginx image's entrypoint renders them (envsubst of the named
variables only, so nginx's own `$host`-style variables stay)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from tests.localhost import free_port, require_installed

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROMA = str(Path(sys.executable).with_name("chroma"))


def render_template(name: str, values: dict[str, str]) -> str:
    """deploy/nginx/<name>, with `${VAR}` replaced for the given variables only (envsubst)."""
    text = (DEPLOY / "nginx" / name).read_text()
    return re.sub(r"\$\{(\w+)\}", lambda m: values.get(m[1], m[0]), text)


def nginx_config(tmp: Path, site: str) -> Path:
    (tmp / "site.conf").write_text(site)
    (tmp / "temp").mkdir(mode=0o777, exist_ok=True)
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    main = tmp / "nginx.conf"
    main.write_text(
        f"{user}daemon off;\npid {tmp / 'nginx.pid'};\nerror_log stderr warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log off;\n client_body_temp_path {tmp / 'temp'};\n"
        f" proxy_temp_path {tmp / 'temp'};\n include {tmp / 'site.conf'};\n}}\n"
    )
    return main


async def nginx_test(site: str) -> tuple[int, str]:
    """`nginx -t` on a site config: (exit code, what nginx said)."""
    require_installed(NGINX, "nginx")
    with tempfile.TemporaryDirectory(prefix="parley-nginx-") as name:
        main = nginx_config(Path(name), site)
        proc = await asyncio.create_subprocess_exec(
            NGINX, "-t", "-c", str(main), "-p", name, stderr=asyncio.subprocess.PIPE
        )
        _, err = await proc.communicate()
        return proc.returncode or 0, err.decode()


async def wait_http(url: str, *, attempts: int = 200) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(attempts):
            try:
                async with session.get(url, ssl=False) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url}")


@asynccontextmanager
async def running(args: list[str], ready_url: str) -> AsyncIterator[None]:
    proc = await asyncio.create_subprocess_exec(
        *args, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    try:
        await wait_http(ready_url)
        yield
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 20)


@asynccontextmanager
async def nginx(site: str, ready_url: str) -> AsyncIterator[Path]:
    """nginx serving `site`; yields its scratch directory."""
    require_installed(NGINX, "nginx")
    with tempfile.TemporaryDirectory(prefix="parley-nginx-") as name:
        os.chmod(name, 0o755)
        main = nginx_config(Path(name), site)
        async with running([NGINX, "-c", str(main), "-p", name], ready_url):
            yield Path(name)


@asynccontextmanager
async def chroma_server(path: Path) -> AsyncIterator[int]:
    """A real `chroma run` (the pinned chromadb's server) on a free port."""
    port = free_port()
    args = [CHROMA, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    async with running(args, f"http://127.0.0.1:{port}/api/v2/heartbeat"):
        yield port
