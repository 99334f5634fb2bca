"""Learner commands about the learner themself: /link, `link CODE`, /unlink, /channel, /name,
/leaderboard [on|off|all]. `bot.commands.CommandsStep` dispatches them here."""

from __future__ import annotations

import re
from datetime import datetime

from bot import leaderboard
from bot.errors import InvalidInput
from bot.i18n.catalogue import Texts
from bot.linking import (
    CODE_LIFETIME,
    CodeRejected,
    LinkThrottled,
    NotLinked,
    issue_code,
    merge_learners,
    redeem_code,
    split_account,
)
from bot.pipeline import Turn
from models import ChannelAccount

LINK_TEXT = re.compile(r"^link\s+([A-Za-z0-9]{6})$", re.IGNORECASE)
NAMES = ("link", "unlink", "channel", "name", "leaderboard")
"""The commands this module answers; their /help lines are the texts `help_<name>`."""


def link_argument(text: str) -> str | None:
    """`link AB12CD` typed without a slash (easy on a phone): the code, else None."""
    found = LINK_TEXT.match(text.strip())
    return found.group(1) if found else None


def learner_help(texts: Texts) -> str:
    return "\n".join(f"/{name} - {texts.get('help_' + name)}" for name in NAMES)


async def link(turn: Turn, argument: str, now: datetime) -> None:
    texts = turn.texts()
    try:
        if not argument:
            code = await issue_code(turn.end_user, now)
            minutes = int(CODE_LIFETIME.total_seconds() // 60)
            turn.reply(texts.get("link_code", code=code, minutes=minutes))
            return
        target = await redeem_code(turn.account, turn.bot.creator_id, argument, now)
    except LinkThrottled:
        turn.reply(texts.get("link_throttled"))
        return
    except CodeRejected:
        turn.reply(texts.get("link_rejected"))
        return
    if target.id == turn.end_user.id:
        turn.reply(texts.get("link_already"))
        return
    turn.stats_row = await merge_learners(target, turn.end_user, now=now)
    turn.end_user_row = target
    turn.account.end_user_id = turn.conversation.user_id = target.id
    turn.reply(texts.get("link_done"))


async def unlink(turn: Turn, now: datetime) -> None:
    try:
        user, conversation = await split_account(turn.account, now=now)
    except NotLinked:
        turn.reply(turn.texts().get("unlink_alone"))
        return
    turn.end_user_row, turn.conversation_row, turn.stats_row = user, conversation, None
    turn.reply(turn.texts().get("unlink_done"))


async def channel(turn: Turn, argument: str) -> None:
    texts, user = turn.texts(), turn.end_user
    accounts = ChannelAccount.filter(end_user_id=user.id, blocked=False)
    linked = sorted({str(c) for c in await accounts.values_list("channel", flat=True)})
    wanted = argument.strip().lower()
    if wanted and wanted not in linked:
        turn.reply(texts.get("channel_unknown", channel=wanted, channels=", ".join(linked)))
        return
    if wanted:
        await leaderboard.set_preference(user, channel=wanted)
    chosen = (user.preferences or {}).get("channel") or texts.get("channel_latest")
    turn.reply(texts.get("channel_current", channel=chosen, channels=", ".join(linked)))


async def name(turn: Turn, argument: str) -> None:
    texts = turn.texts()
    try:
        shown = leaderboard.checked_name(argument)
    except InvalidInput:
        turn.reply(texts.get("name_invalid"))
        return
    await leaderboard.set_preference(turn.end_user, public_name=shown)
    turn.reply(texts.get("name_set", name=shown))


async def board(turn: Turn, argument: str, now: datetime) -> None:
    texts, user, choice = turn.texts(), turn.end_user, argument.strip().lower()
    if choice in ("on", "off"):
        if choice == "on" and not leaderboard.public_name(user):
            turn.reply(texts.get("leaderboard_need_name"))
            return
        await leaderboard.set_preference(user, leaderboard=choice == "on")
        key = "leaderboard_joined" if choice == "on" else "leaderboard_left"
        turn.reply(texts.get(key, name=leaderboard.public_name(user)))
        return
    program = await leaderboard.program_for(user)
    if program is None:
        turn.reply(texts.get("leaderboard_none"))
        return
    period: leaderboard.Period = "all" if choice == "all" else "week"
    entries = await leaderboard.standings(program, period, now)
    title = texts.get(f"leaderboard_title_{period}", title=program.name)
    lines = [title] + [f"{e.rank}. {e.name} - {e.points}" for e in entries[: leaderboard.TOP]]
    if not entries:
        lines.append(texts.get("leaderboard_empty"))
    mine = next((e for e in entries if e.user_id == user.id), None)
    if mine is None:
        lines.append(texts.get("leaderboard_hidden"))
    else:
        lines.append(texts.get("leaderboard_you", rank=mine.rank, points=mine.points))
    turn.reply("\n".join(lines))
