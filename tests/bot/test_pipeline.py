"""The pipeline's shape: steps fold outermost first, a step may stop the chain, commands parse."""

from __future__ import annotations

import pytest

from bot.commands import Command, parse_command
from bot.messages import ChannelName, InboundMessage
from bot.pipeline import Next, Step, Turn, compose


def a_turn(text: str = "hi") -> Turn:
    return Turn(InboundMessage(ChannelName.WEB, "coach", "u1", "m1", text=text))


def recording(name: str, log: list[str], *, stop: bool = False) -> Step:
    async def step(turn: Turn, call_next: Next) -> None:
        log.append(f">{name}")
        if not stop:
            await call_next(turn)
        log.append(f"<{name}")

    return step


async def test_steps_run_outermost_first_and_unwind_in_reverse() -> None:
    log: list[str] = []

    async def terminal(turn: Turn) -> None:
        log.append("terminal")

    handler = compose([recording("a", log), recording("b", log), recording("c", log)], terminal)
    await handler(a_turn())
    assert log == [">a", ">b", ">c", "terminal", "<c", "<b", "<a"]


async def test_a_step_that_does_not_call_next_stops_the_chain() -> None:
    log: list[str] = []
    handler = compose([recording("a", log), recording("b", log, stop=True), recording("c", log)])
    await handler(a_turn())
    assert log == [">a", ">b", "<b", "<a"]


async def test_steps_share_one_turn() -> None:
    async def answer(turn: Turn, call_next: Next) -> None:
        turn.reply(f"you said {turn.text}")
        await call_next(turn)

    turn = a_turn("  hello  ")
    await compose([answer])(turn)
    assert [r.text for r in turn.replies] == ["you said hello"]


def test_reading_a_row_before_its_step_ran_says_which() -> None:
    with pytest.raises(RuntimeError, match=r"turn\.bot is not set"):
        _ = a_turn().bot


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", Command("start")),
        ("/start ref_abc123", Command("start", "ref_abc123")),
        ("/START@ParleyBot  hello world ", Command("start", "hello world")),
        ("/help", Command("help")),
        ("hello /help", None),
        ("/", None),
        ("/ 12", None),
        ("", None),
    ],
)
def test_parse_command(text: str, expected: Command | None) -> None:
    assert parse_command(text) == expected
