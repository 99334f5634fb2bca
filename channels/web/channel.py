"""The website channel as the app plugs it in (see channels/registry.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from bot.messages import InboundMessage
from bot.settings import WidgetSettings
from channels.registry import ChannelDeps
from channels.web import widget
from channels.web.ratelimit import WidgetLimits
from channels.web.sender import WidgetSender


class WebChannel:
    name = "web"
    settings_model = WidgetSettings

    def __init__(self, deps: ChannelDeps) -> None:
        settings = deps.settings
        self.hub = deps.cluster.hub
        self.sender = WidgetSender(deps.cluster.live)
        self.endpoints = widget.WidgetEndpoints(
            engine=deps.engine,
            inbox=deps.inbox.durable,
            live=deps.cluster.live,
            limits=settings.widget,
            public_url=settings.public_url,
            rate_limits=WidgetLimits(deps.cluster.limiter, settings.widget),
        )

    def routes(self, app: web.Application) -> None:
        widget.add_routes(app, self.endpoints)
        app.on_shutdown.append(self._close_sockets)

    async def _close_sockets(self, app: web.Application) -> None:
        """Open widgets are told to go before the server waits for in-flight requests."""
        await self.hub.close_all()

    def parse(self, raw: Mapping[str, Any], *, bot: str) -> InboundMessage | None:
        try:
            body = widget.WidgetMessageIn.model_validate(raw)
        except ValidationError:
            return None
        return widget.to_inbound(bot, body)

    async def close(self) -> None:
        await self.hub.close_all()
