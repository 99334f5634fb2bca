"""Chat commands: /start [PAYLOAD], /help, /reset and /delete, typed or sent as a button payload.

Program commands (/progress, /pause, /resume, /stop, /badges) are recognised here and answered
by the programs and gamification steps further in: this step only lets them through.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot import learner_commands
from bot.clock import Clock
from bot.i18n.catalogue import Texts
from bot.identity import restart_conversation
from bot.persona import Persona
from bot.pipeline import Next, Turn
from bot.privacy import answer_delete_question, ask_to_delete

PASSED_ON = ("progress", "pause", "resume", "stop", "badges")
"""Commands a later step answers; their /help lines are the texts `help_<name>`."""


def program_help(texts: Texts) -> str:
    return "\n".join(f"/{name} - {texts.get('help_' + name)}" for name in PASSED_ON)


@dataclass(frozen=True)
class Command:
    """A parsed command: `/start ref_abc` -> Command("start", "ref_abc")."""

    name: str
    argument: str = ""


def parse_command(text: str) -> Command | None:
    """A leading /word (Telegram's /word@BotName too) and the rest of the line, or None."""
    if not text.startswith("/") or len(text) < 2:
        return None
    head, _, rest = text[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return Command(name, rest.strip()) if name.isidentifier() else None


class CommandsStep:
    """Pipeline step: answers commands; /start also lets later steps see its payload."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._handlers: dict[str, Callable[[Turn, Command, Next], Awaitable[None]]] = {
            "start": self._start,
            "help": self._help,
            "reset": self._reset,
            "delete": self._delete,
            "link": self._link,
            "unlink": self._unlink,
            "channel": self._channel,
            "name": self._name,
            "leaderboard": self._leaderboard,
        }

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if await answer_delete_question(turn, self._clock.now()):
            return  # the learner confirmed /delete: nothing else runs on erased data
        command = parse_command(turn.text) or parse_command((turn.inbound.payload or "").strip())
        if command is None and (code := learner_commands.link_argument(turn.text)):
            command = Command("link", code)
        if command is None:
            await call_next(turn)
            return
        turn.command = command.name
        if command.name in PASSED_ON:
            await call_next(turn)
            if not turn.replies:  # no step for it in this engine
                await self._unknown(turn, command, call_next)
            return
        handler = self._handlers.get(command.name, self._unknown)
        await handler(turn, command, call_next)

    async def _start(self, turn: Turn, command: Command, call_next: Next) -> None:
        turn.start_payload = command.argument or None
        turn.reply(Persona.from_bot(turn.bot).welcome(turn.texts()))
        await call_next(turn)  # e.g. a programs step enrolls the user from the payload

    async def _help(self, turn: Turn, command: Command, call_next: Next) -> None:
        texts = turn.texts()
        persona_help = Persona.from_bot(turn.bot).help_text(texts)
        delete_help = f"/delete - {texts.get('help_delete')}"
        mine = learner_commands.learner_help(texts)
        turn.reply(f"{persona_help}\n{program_help(texts)}\n{mine}\n{delete_help}")

    async def _reset(self, turn: Turn, command: Command, call_next: Next) -> None:
        await restart_conversation(turn, self._clock.now())
        turn.reply(turn.texts().get("reset"))

    async def _delete(self, turn: Turn, command: Command, call_next: Next) -> None:
        await ask_to_delete(turn, self._clock.now())

    async def _link(self, turn: Turn, command: Command, call_next: Next) -> None:
        await learner_commands.link(turn, command.argument, self._clock.now())

    async def _unlink(self, turn: Turn, command: Command, call_next: Next) -> None:
        await learner_commands.unlink(turn, self._clock.now())

    async def _channel(self, turn: Turn, command: Command, call_next: Next) -> None:
        await learner_commands.channel(turn, command.argument)

    async def _name(self, turn: Turn, command: Command, call_next: Next) -> None:
        await learner_commands.name(turn, command.argument)

    async def _leaderboard(self, turn: Turn, command: Command, call_next: Next) -> None:
        await learner_commands.board(turn, command.argument, self._clock.now())

    async def _unknown(self, turn: Turn, command: Command, call_next: Next) -> None:
        turn.reply(turn.texts().get("unknown_command", command=command.name))
