"""WhatsApp's 24-hour customer-care window: when a free-form message may be sent. Pure rules."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

WINDOW = timedelta(hours=24)


class WindowMode(StrEnum):
    FREE_FORM = "free_form"  # inside the window: send the text as is
    TEMPLATE = "template"  # outside, but the message carries an approved template
    HOLD = "hold"  # outside and no template: do not attempt the send


def is_open(
    *,
    last_inbound_at: datetime | None,
    window_closed_at: datetime | None,
    now: datetime,
    window: timedelta = WINDOW,
) -> bool:
    """Open when the user wrote within `window` and no closure was reported since."""
    if last_inbound_at is None:
        return False
    if window_closed_at is not None and window_closed_at >= last_inbound_at:
        return False
    return now - last_inbound_at < window


def decide(
    *,
    last_inbound_at: datetime | None,
    window_closed_at: datetime | None,
    now: datetime,
    has_template: bool,
    window: timedelta = WINDOW,
) -> WindowMode:
    """How (and whether) a message may go out to this account right now."""
    if is_open(
        last_inbound_at=last_inbound_at, window_closed_at=window_closed_at, now=now, window=window
    ):
        return WindowMode.FREE_FORM
    return WindowMode.TEMPLATE if has_template else WindowMode.HOLD


def hold_reason(*, last_inbound_at: datetime | None, now: datetime) -> str:
    """The operator-facing explanation stored on a held outbox row."""
    if last_inbound_at is None:
        return "outside the 24-hour window: the user never wrote; a template is required"
    hours = (now - last_inbound_at).total_seconds() / 3600
    return (
        f"outside the 24-hour window: last user message {hours:.1f} h ago; "
        "a template is required (held until the user writes again)"
    )
