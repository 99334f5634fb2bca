"""Which of a learner's channel accounts a program send goes to. Pure rules.

The preferred account is the one on the channel the learner chose (`/channel telegram`), else
the one they wrote from last. A channel with a customer-care window (WhatsApp: 24 hours) is
left for another linked account whose channel is open now (Telegram and the widget have no
window), the most recently used first; when there is none the send stays on the preferred
account, where the outbox sends the step's template or holds it until the learner writes.
Blocked accounts are never chosen.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

WINDOWED = frozenset({"whatsapp"})


class Reachable(Protocol):
    @property
    def blocked(self) -> bool: ...
    @property
    def open(self) -> bool: ...
    @property
    def chosen(self) -> bool: ...
    @property
    def last_seen(self) -> Any: ...


A = TypeVar("A", bound=Reachable)


def has_window(channel: str) -> bool:
    return channel in WINDOWED


def chosen_channel(preferences: Any) -> str | None:
    """The channel a learner chose, from their preferences (a dict, or JSON text from SQL)."""
    if isinstance(preferences, str | bytes):
        try:
            preferences = json.loads(preferences)
        except ValueError:
            return None
    if not isinstance(preferences, dict):
        return None
    chosen = preferences.get("channel")
    return str(chosen) if chosen else None


def preferred(accounts: Sequence[A]) -> A | None:
    usable = sorted((a for a in accounts if not a.blocked), key=lambda a: a.last_seen)
    if not usable:
        return None
    chosen = [a for a in usable if a.chosen]
    first = (chosen or usable)[-1]
    if first.open:
        return first
    others = [a for a in usable if a.open]
    return others[-1] if others else first
