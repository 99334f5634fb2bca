"""Schedule math: delays, local due times across time zones and DST, quiet hours, nudges."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.schedule import (
    Delay,
    QuietHours,
    due_at,
    nudge_times,
    outside_quiet_hours,
    parse_delay,
    send_time,
    zone,
)

LA = ZoneInfo("America/Los_Angeles")
KOLKATA = ZoneInfo("Asia/Kolkata")
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1d at 09:00", Delay(days=1, at=time(9, 0))),
        ("0d at 18:30", Delay(days=0, at=time(18, 30))),
        ("2d", Delay(days=2)),
        ("3h", Delay(elapsed=timedelta(hours=3))),
        ("90m", Delay(elapsed=timedelta(minutes=90))),
        ("1d 6h", Delay(days=1, elapsed=timedelta(hours=6))),
        ("  7d at 7:05 ", Delay(days=7, at=time(7, 5))),
    ],
)
def test_parse_delay(text: str, expected: Delay) -> None:
    assert parse_delay(text) == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "is not a delay"),
        ("tomorrow", "is not a delay"),
        ("1w", "is not a delay"),
        ("1d at 25:00", "not a time of day"),
        ("1d at 09:60", "not a time of day"),
        ("2h at 09:00", "not both"),
    ],
)
def test_parse_delay_rejects(text: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint):
        parse_delay(text)


def test_unknown_zone_is_named() -> None:
    with pytest.raises(InvalidInput, match="Mars/Olympus"):
        zone("Mars/Olympus")


def test_next_local_day_at_nine_in_kolkata() -> None:
    # 22:00 IST on 1 June is 16:30 UTC; the next local day at 09:00 IST is 03:30 UTC on 2 June.
    anchor = utc(2026, 6, 1, 16, 30)
    assert due_at(anchor, parse_delay("1d at 09:00"), KOLKATA) == utc(2026, 6, 2, 3, 30)


def test_next_local_day_differs_from_next_utc_day() -> None:
    # 23:30 UTC on 1 June is already 05:00 on 2 June in Kolkata: "1d" means 3 June local.
    anchor = utc(2026, 6, 1, 23, 30)
    assert due_at(anchor, parse_delay("1d at 09:00"), KOLKATA) == utc(2026, 6, 3, 3, 30)
    # ...while in Los Angeles it is still 1 June (16:30 PDT): due 2 June 09:00 PDT.
    assert due_at(anchor, parse_delay("1d at 09:00"), LA) == utc(2026, 6, 2, 16, 0)


def test_nine_am_across_spring_forward_in_los_angeles() -> None:
    # Anchor 7 March 10:00 PST (18:00 UTC); 8 March is the DST switch; 09:00 PDT is 16:00 UTC.
    anchor = utc(2026, 3, 7, 18, 0)
    assert due_at(anchor, parse_delay("1d at 09:00"), LA) == utc(2026, 3, 8, 16, 0)


def test_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 02:30 does not exist on 8 March 2026 in LA: read with the pre-gap offset -> 03:30 PDT.
    anchor = utc(2026, 3, 7, 18, 0)
    due = due_at(anchor, parse_delay("1d at 02:30"), LA)
    assert due == utc(2026, 3, 8, 10, 30)
    assert due.astimezone(LA).strftime("%H:%M %Z") == "03:30 PDT"


def test_time_in_the_autumn_fold_means_first_occurrence() -> None:
    # 01:30 happens twice on 1 November 2026 in LA; the first is 01:30 PDT = 08:30 UTC.
    anchor = utc(2026, 10, 31, 18, 0)
    due = due_at(anchor, parse_delay("1d at 01:30"), LA)
    assert due == utc(2026, 11, 1, 8, 30)
    assert due.astimezone(LA).strftime("%Z") == "PDT"


def test_whole_days_keep_the_wall_clock_across_dst() -> None:
    # 10:00 PDT on 31 October; two local days later is 10:00 PST = 18:00 UTC (49 elapsed hours).
    anchor = utc(2026, 10, 31, 17, 0)
    due = due_at(anchor, parse_delay("2d"), LA)
    assert due == utc(2026, 11, 2, 18, 0)
    assert due - anchor == timedelta(hours=49)


def test_hours_are_elapsed_time_across_dst() -> None:
    anchor = utc(2026, 3, 8, 9, 0)  # 01:00 PST, one hour before the gap
    assert due_at(anchor, parse_delay("3h"), LA) == anchor + timedelta(hours=3)


def test_zero_days_at_a_passed_time_means_tomorrow() -> None:
    anchor = utc(2026, 6, 1, 10, 0)  # 12:00 in Berlin
    assert due_at(anchor, parse_delay("0d at 18:00"), BERLIN) == utc(2026, 6, 1, 16, 0)
    assert due_at(anchor, parse_delay("0d at 09:00"), BERLIN) == utc(2026, 6, 2, 7, 0)


def test_on_complete_is_immediate() -> None:
    anchor = utc(2026, 6, 1, 10, 0, 0)
    assert due_at(anchor, Delay(), KOLKATA) == anchor


QUIET = QuietHours()  # 21:00-08:00 local


@pytest.mark.parametrize(
    ("local", "expected_local"),
    [
        (datetime(2026, 6, 1, 20, 59), datetime(2026, 6, 1, 20, 59)),  # just before: unchanged
        (datetime(2026, 6, 1, 21, 0), datetime(2026, 6, 2, 8, 0)),  # evening: next morning
        (datetime(2026, 6, 1, 23, 45), datetime(2026, 6, 2, 8, 0)),
        (datetime(2026, 6, 2, 3, 10), datetime(2026, 6, 2, 8, 0)),  # after midnight: same day
        (datetime(2026, 6, 2, 8, 0), datetime(2026, 6, 2, 8, 0)),  # end is allowed
    ],
)
def test_quiet_hours_wrap_midnight(local: datetime, expected_local: datetime) -> None:
    when = local.replace(tzinfo=KOLKATA).astimezone(UTC)
    moved = outside_quiet_hours(when, KOLKATA, QUIET)
    assert moved.astimezone(KOLKATA).replace(tzinfo=None) == expected_local
    assert moved.tzinfo == UTC


def test_quiet_hours_that_do_not_wrap() -> None:
    lunch = QuietHours(start=time(12, 0), end=time(13, 30))
    when = datetime(2026, 6, 1, 12, 15, tzinfo=BERLIN)
    assert outside_quiet_hours(when, BERLIN, lunch) == datetime(2026, 6, 1, 13, 30, tzinfo=BERLIN)
    before = datetime(2026, 6, 1, 11, 59, tzinfo=BERLIN)
    assert outside_quiet_hours(before, BERLIN, lunch) == before


def test_equal_bounds_disable_quiet_hours() -> None:
    off = QuietHours(start=time(0, 0), end=time(0, 0))
    when = datetime(2026, 6, 1, 3, 0, tzinfo=BERLIN)
    assert outside_quiet_hours(when, BERLIN, off) == when


def test_quiet_end_on_the_dst_night() -> None:
    # 23:00 PST on 7 March is quiet; 08:00 PDT on 8 March is 15:00 UTC (the night lost an hour).
    when = datetime(2026, 3, 7, 23, 0, tzinfo=LA)
    assert outside_quiet_hours(when, LA, QUIET) == utc(2026, 3, 8, 15, 0)


def test_send_time_applies_quiet_hours_after_the_delay() -> None:
    # Enrolled 19:00 Berlin; "2h" is 21:00, quiet: sent 08:00 next morning (06:00 UTC, CEST).
    anchor = datetime(2026, 6, 1, 19, 0, tzinfo=BERLIN)
    assert send_time(anchor, parse_delay("2h"), BERLIN) == utc(2026, 6, 1, 19, 0)
    assert send_time(anchor, parse_delay("2h"), BERLIN, QUIET) == utc(2026, 6, 2, 6, 0)


def test_nudge_ladder() -> None:
    delivered = datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN)  # 07:00 UTC
    times = nudge_times(delivered, [4, 12, 48], BERLIN, QUIET)
    assert [t.astimezone(BERLIN).strftime("%d %H:%M") for t in times] == [
        "01 13:00",  # 4 h later, allowed
        "02 08:00",  # 21:00 is quiet -> next morning
        "03 09:00",  # 48 h later
    ]
    assert nudge_times(delivered, [12], BERLIN) == [utc(2026, 6, 1, 19, 0)]
