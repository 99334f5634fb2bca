"""WhatsApp's 24-hour window rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.window import WindowMode, decide, hold_reason, is_open

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)


def test_open_within_24_hours_of_the_last_inbound() -> None:
    assert is_open(last_inbound_at=NOW - 23 * H, window_closed_at=None, now=NOW)
    assert not is_open(last_inbound_at=NOW - 24 * H, window_closed_at=None, now=NOW)
    assert not is_open(last_inbound_at=None, window_closed_at=None, now=NOW)


def test_a_reported_closure_wins_until_the_user_writes_again() -> None:
    last = NOW - 2 * H
    assert not is_open(last_inbound_at=last, window_closed_at=NOW - H, now=NOW)
    assert is_open(last_inbound_at=last, window_closed_at=last - H, now=NOW)


def test_decide_prefers_free_form_then_template_then_hold() -> None:
    inside = {"last_inbound_at": NOW - H, "window_closed_at": None, "now": NOW}
    outside = {"last_inbound_at": NOW - 30 * H, "window_closed_at": None, "now": NOW}
    assert decide(**inside, has_template=False) is WindowMode.FREE_FORM  # type: ignore[arg-type]
    assert decide(**inside, has_template=True) is WindowMode.FREE_FORM  # type: ignore[arg-type]
    assert decide(**outside, has_template=True) is WindowMode.TEMPLATE  # type: ignore[arg-type]
    assert decide(**outside, has_template=False) is WindowMode.HOLD  # type: ignore[arg-type]


def test_hold_reason_says_why_and_what_to_do() -> None:
    assert "30.0 h ago" in hold_reason(last_inbound_at=NOW - 30 * H, now=NOW)
    assert "never wrote" in hold_reason(last_inbound_at=None, now=NOW)
