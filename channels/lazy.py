"""Vendor libraries loaded on first use, and then off the event loop.

aiogram and twilio stay out of a process until it talks to Telegram or WhatsApp (aiogram's
~300 built types hold ~150 MB). Their first import builds those types: 0.5-3 s of CPU. Run on
the event loop, that froze every request of the process and the outbox's lease renewals
(measured in the two-process test: a 2.6 s stall at the first Telegram send, long enough, with
a short lease, for the other process to reclaim the rows in flight and send them again). So
the first user imports them in a worker thread and awaits it.
"""

from __future__ import annotations

import asyncio
import importlib

_loaded: set[str] = set()  # imported completely; `sys.modules` also holds ones still loading


async def imported(*modules: str) -> None:
    """Import `modules` in a worker thread, unless a call before this one finished them.

    Not `name in sys.modules`: a module is there from the moment its import starts, and a
    second send, seeing it there mid-import, would wait for the import lock on the loop."""
    missing = [name for name in modules if name not in _loaded]
    if missing:
        await asyncio.to_thread(_import_all, missing)


def _import_all(modules: list[str]) -> None:
    for name in modules:
        importlib.import_module(name)
        _loaded.add(name)
