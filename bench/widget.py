"""The widget's weight and how fast its launcher paints, in headless Chromium.

Usage: python bench/widget.py [--runs 15]

Size: widget.js + widget.css, raw and gzip -9 (budget: 30 KB compressed).
Paint: a page on another origin embeds the widget with its one script tag (a real Parley server
with a themed bot on SQLite); per run a fresh browser context loads it and reads two performance
marks the script sets: `parley:start` (the script begins to run, i.e. it has loaded) and
`parley:launcher` (the first frame with the launcher has been painted: its stylesheet is in,
the frame after the launcher was shown). Budget: < 100 ms.
Baseline in the same run: a 10-line script that appends a plain button and marks the same way,
so the ratio shows what the widget costs over the least a script tag can do.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, async_playwright
from tortoise import Tortoise

from models.db import close_db, init_db
from models.secrets import keyring
from tests.browser.studio import ARGS, CHROMIUM
from tests.browser.widget_site import widget_site

STATIC = Path(__file__).resolve().parents[1] / "channels" / "web" / "static"
BUDGET_BYTES, BUDGET_MS = 30 * 1024, 100.0
THEME = {"widget_color": "#0f766e", "widget_title": "Ask Pip", "greeting": "Hello!"}
BASELINE_JS = """performance.mark("parley:start");
var b = document.createElement("button");
b.textContent = "Chat";
b.style.cssText = "position:fixed;right:20px;bottom:20px;width:56px;height:56px";
document.body.appendChild(b);
requestAnimationFrame(function () {
  setTimeout(function () { performance.mark("parley:launcher"); }, 0);
});"""
BASELINE_PAGE = "<!doctype html><title>baseline</title><script src='/baseline.js' defer></script>"
READ_MARKS = """() => new Promise(done => {
  const read = () => {
    const s = performance.getEntriesByName('parley:start')[0];
    const l = performance.getEntriesByName('parley:launcher')[0];
    if (s && l) done({after_script: l.startTime - s.startTime, after_navigation: l.startTime});
    else setTimeout(read, 10);
  };
  read();
})"""


def sizes() -> dict[str, int]:
    js, css = (STATIC / "widget.js").read_bytes(), (STATIC / "widget.css").read_bytes()
    return {
        "raw_bytes": len(js) + len(css),
        "gzip_bytes": len(gzip.compress(js, 9)) + len(gzip.compress(css, 9)),
        "js_gzip_bytes": len(gzip.compress(js, 9)),
        "css_gzip_bytes": len(gzip.compress(css, 9)),
    }


async def paints(browser: Browser, url: str, runs: int) -> list[dict[str, float]]:
    found = []
    for _ in range(runs):
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(url)
        found.append(await asyncio.wait_for(page.evaluate(READ_MARKS), 30))
        print(".", end="", file=sys.stderr, flush=True)
        await context.close()
    return found


async def baseline_server() -> TestServer:
    async def page(_: web.Request) -> web.Response:
        return web.Response(text=BASELINE_PAGE, content_type="text/html")

    async def script(_: web.Request) -> web.Response:
        return web.Response(text=BASELINE_JS, content_type="application/javascript")

    app = web.Application()
    app.router.add_get("/", page)
    app.router.add_get("/baseline.js", script)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


async def measure(runs: int, load: tuple[float, ...]) -> None:
    """Prints the report as soon as the figures are in, before the servers are torn down."""
    tmp = Path(tempfile.mkdtemp(prefix="parley-bench-widget-"))
    url = f"sqlite://{tmp}/bench.sqlite3"
    await init_db(url, secret_keys=["bench-secret"])
    await Tortoise.generate_schemas()
    keyring.configure(["bench-secret"])
    baseline = await baseline_server()
    try:
        async with widget_site(url, tmp, THEME) as site, async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            await paints(browser, site.page, 2)  # warm-up: caches, first compile
            widget = await paints(browser, site.page, runs)
            base = await paints(browser, str(baseline.make_url("/")), runs)
            print(json.dumps(report({"widget": widget, "baseline": base}, load)), flush=True)
            await browser.close()
    finally:
        await baseline.close()
        await close_db()


def report(found: dict[str, Any], load: tuple[float, ...]) -> dict[str, Any]:
    size = sizes()
    widget = summary([r["after_script"] for r in found["widget"]])
    base = summary([r["after_script"] for r in found["baseline"]])
    nav = summary([r["after_navigation"] for r in found["widget"]])
    ratio = round(widget["median_ms"] / max(base["median_ms"], 0.1), 2)
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(
        f"size: widget.js + widget.css {size['raw_bytes']} B raw, {size['gzip_bytes']} B gzip -9 "
        f"(js {size['js_gzip_bytes']} B, css {size['css_gzip_bytes']} B); "
        f"budget {BUDGET_BYTES} B: {size['gzip_bytes'] / BUDGET_BYTES:.0%} of it"
    )
    print(
        f"launcher first paint after the script loads: median {widget['median_ms']} ms, "
        f"p95 {widget['p95_ms']} ms (budget {BUDGET_MS:.0f} ms); after navigation start: "
        f"median {nav['median_ms']} ms"
    )
    print(f"baseline (plain button script): median {base['median_ms']} ms; ratio {ratio}x")
    return {
        "size": size,
        "paint_after_script": widget,
        "paint_after_navigation": nav,
        "baseline_paint": base,
        "ratio_vs_baseline": ratio,
        "within_budget": size["gzip_bytes"] < BUDGET_BYTES and widget["p95_ms"] < BUDGET_MS,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    load = os.getloadavg()
    try:
        asyncio.run(asyncio.wait_for(measure(args.runs, load), 600))
    except TimeoutError:
        # tearing the in-process servers down after many sessions has been seen to hang (open
        # widget sockets); the figures are printed by then, so leave at once
        print("teardown timed out after the report", file=sys.stderr)
        os._exit(0)


if __name__ == "__main__":
    main()
