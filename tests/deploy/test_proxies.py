"""The nginx templates of deploy/, run by a real nginx: the token check in front of a real
`chroma run` (Parley's own Chroma client passes it with PARLEY_CHROMA__TOKEN), and the public
proxy carrying the widget's WebSocket over TLS."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import numpy as np
import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.rag.store import TOKEN_HEADER, ChunkStore, chroma_client
from bot.settings import ChromaSettings
from tests.deploy.servers import chroma_server, nginx, nginx_test, render_template
from tests.localhost import free_port

TOKEN = "a-long-shared-chroma-secret"

pytestmark = pytest.mark.slow


@pytest.fixture
async def guarded_chroma(tmp_path: Path) -> AsyncIterator[int]:
    """`chroma run` behind deploy/nginx/chroma.conf.template; yields the proxy's port."""
    port = free_port()
    async with chroma_server(tmp_path / "chroma") as upstream:
        site = render_template(
            "chroma.conf.template",
            {
                "CHROMA_TOKEN": TOKEN,
                "CHROMA_UPSTREAM": f"127.0.0.1:{upstream}",
                "CHROMA_LISTEN": f"127.0.0.1:{port}",
            },
        )
        async with nginx(site, f"http://127.0.0.1:{port}/api/v2/heartbeat"):
            yield port


async def status(url: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status


async def test_chroma_answers_only_with_the_token(guarded_chroma: int) -> None:
    base = f"http://127.0.0.1:{guarded_chroma}/api/v2"
    tenant = f"{base}/tenants/default_tenant"

    assert await status(f"{base}/heartbeat") == 200  # liveness stays open
    assert await status(tenant) == 401
    assert await status(tenant, {TOKEN_HEADER: "wrong"}) == 401
    assert await status(tenant, {TOKEN_HEADER: ""}) == 401
    assert await status(tenant, {"Authorization": "Bearer "}) == 401
    assert await status(tenant, {TOKEN_HEADER: TOKEN}) == 200
    assert await status(tenant, {"Authorization": f"Bearer {TOKEN}"}) == 200


async def test_parley_stores_and_finds_vectors_through_the_token_check(
    guarded_chroma: int, tmp_path: Path
) -> None:
    def settings(token: str | None) -> ChromaSettings:
        secret = SecretStr(token) if token else None
        return ChromaSettings(mode="http", host="127.0.0.1", port=guarded_chroma, token=secret)

    def round_trip() -> list[tuple[str, float]]:
        store = ChunkStore(chroma_client(settings(TOKEN), tmp_path))
        vectors = np.eye(3, dtype=np.float32)
        store.add("kb_proxy_test", ["a", "b", "c"], vectors, [{"n": 1}, {"n": 2}, {"n": 3}])
        return store.query("kb_proxy_test", vectors[1], 1)

    assert await asyncio.to_thread(round_trip) == [("b", pytest.approx(1.0))]
    with pytest.raises(Exception, match=r"401|[Uu]nauthori[sz]ed|[Aa]uthenticat"):
        await asyncio.to_thread(lambda: chroma_client(settings(None), tmp_path).list_collections())


async def test_an_empty_token_stops_nginx_from_starting() -> None:
    values = {"CHROMA_TOKEN": "", "CHROMA_UPSTREAM": "127.0.0.1:9", "CHROMA_LISTEN": "127.0.0.1:9"}
    code, said = await nginx_test(render_template("chroma.conf.template", values))

    assert code != 0 and "conflicting parameter" in said


def self_signed(directory: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(directory / "privkey.pem"),
         "-out", str(directory / "fullchain.pem")],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip


async def widget_like_app(seen: list[tuple[str, str]]) -> web.AppRunner:
    """Stands in for `parley serve`: an echoing /widget/{bot}/ws and a plain page."""

    async def socket(request: web.Request) -> web.WebSocketResponse:
        seen.append((request.path, request.headers.get("X-Forwarded-Proto", "")))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            await ws.send_str(f"{request.match_info['bot']}:{message.data}")
        return ws

    async def page(request: web.Request) -> web.Response:
        seen.append((request.path, request.headers.get("X-Forwarded-Proto", "")))
        return web.Response(text=f"page {request.path}")

    app = web.Application()
    app.router.add_get("/widget/{bot}/ws", socket)
    app.router.add_get("/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    return runner


async def test_the_public_proxy_carries_widget_websockets_over_tls(tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    runner = await widget_like_app(seen)
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    await web.TCPSite(runner, "127.0.0.1", app_port).start()
    self_signed(tmp_path)
    site = render_template(
        "parley.conf.template",
        {
            "PARLEY_SERVER_NAME": "localhost",
            "PARLEY_UPSTREAM": f"127.0.0.1:{app_port}",
            "HTTP_LISTEN": f"127.0.0.1:{http_port}",
            "HTTPS_LISTEN": f"127.0.0.1:{https_port}",
        },
    ).replace("/etc/nginx/certs/", f"{tmp_path}/")
    tls = ssl.create_default_context(cafile=str(tmp_path / "fullchain.pem"))
    tls.check_hostname = False
    base = f"https://127.0.0.1:{https_port}"
    try:
        async with nginx(site, f"{base}/"), aiohttp.ClientSession() as session:
            async with session.ws_connect(f"{base}/widget/pip/ws", ssl=tls) as ws:
                await ws.send_str("hello")
                echoed = await ws.receive_str(timeout=5)
            async with session.get(f"{base}/studio", ssl=tls) as studio:
                page = await studio.text()
            async with session.get(f"{base}/metrics", ssl=tls) as metrics:
                metrics_status = metrics.status
            plain = f"http://127.0.0.1:{http_port}/widget.js"
            async with session.get(plain, allow_redirects=False) as redirect:
                location = redirect.headers["Location"]
    finally:
        await runner.cleanup()

    assert echoed == "pip:hello"
    assert page == "page /studio"
    # The app learns the original scheme on every path.
    assert {("/widget/pip/ws", "https"), ("/studio", "https")} <= set(seen)
    assert metrics_status == 404  # Prometheus scrapes the pods, not the internet
    assert location == "https://127.0.0.1/widget.js"
