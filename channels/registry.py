"""The `Channel` protocol: what a channel package plugs into the app, and what it is given.

The composition root (`channels/app.py`) holds one list of channel factories; each builds its
`Channel` from `ChannelDeps`, and the app mounts its routes, gives its sender to the outbox
(keyed by `name`, which every stored message, account and outbox row of the channel carries)
and closes it at shutdown. A new channel is its own package plus one entry in that list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from bot.clock import Clock
from bot.errors import SettingsError
from bot.messages import InboundMessage
from bot.outbox import Sender
from bot.settings import Settings
from channels.base import Inbox
from channels.cluster import Cluster
from channels.web.widget import Handles

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ChannelDeps:
    """What the composition root gives every channel it builds."""

    settings: Settings
    clock: Clock
    inbox: Inbox  # webhooks: store the message, then the turn runs in the app's task
    engine: Handles  # channels answering inline (the widget's HTTP reply)
    cluster: Cluster  # what processes share: widget sockets, broadcast, rate limits

    def section(self, name: str, model: type[M]) -> M:
        """A channel's own settings from `Settings.channels[name]`, validated by its model."""
        try:
            return model.model_validate(self.settings.channels.get(name, {}))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SettingsError(f"channels.{name}.{where}: {first['msg']}") from None


class Channel(Protocol):
    """One messaging channel as the app sees it."""

    @property
    def name(self) -> str:
        """Its name: outbox rows, accounts and messages of this channel carry it."""
        ...

    @property
    def settings_model(self) -> type[BaseModel]:
        """The model of its settings section."""
        ...

    @property
    def sender(self) -> Sender:
        """What the outbox sends this channel's messages with."""
        ...

    def routes(self, app: web.Application) -> None:
        """Mount its HTTP endpoints (webhooks, widget endpoints)."""
        ...

    def parse(self, raw: Mapping[str, Any], *, bot: str) -> InboundMessage | None:
        """A vendor payload as our message; None when it is deliberately ignored."""
        ...

    async def close(self) -> None:
        """Release its clients and connections at shutdown."""
        ...


ChannelFactory = Callable[[ChannelDeps], Channel]
