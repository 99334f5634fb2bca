"""The creator studio: an aiohttp sub-application mounted at `/studio` (see README.md)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from aiohttp import web

from bot.people import first_run
from channels.studio import account, audit_log, inbox, keys, members, overview, webhooks, workspace
from channels.studio.bot_pages import BOT_PAGE_MODULES
from channels.studio.render import STATIC_DIR, errors, setup_templates
from channels.studio.security import (
    ALLOWED_HOSTS,
    CLOCK,
    allowed_hosts,
    auth,
    csrf,
    headers,
    sessions,
)
from channels.studio.settings import STUDIO_CONFIG, StudioConfig

if TYPE_CHECKING:
    from channels.app import Services

log = logging.getLogger(__name__)
SERVICES: web.AppKey[Services] = web.AppKey("studio_services")
# Each module with pages exposes add_routes(app); a new page module joins by being listed here.
PAGE_MODULES = [account, overview, members, keys, audit_log]
PAGE_MODULES += BOT_PAGE_MODULES
PAGE_MODULES += [workspace, webhooks, inbox]


def create_studio(services: Services) -> web.Application:
    """The studio sub-app: its own middlewares (session, CSRF, auth), templates and routes."""
    config = StudioConfig.from_settings(services.settings)
    app = web.Application(
        middlewares=[headers, sessions(config.secret, https=config.https), errors, csrf, auth]
    )
    app[STUDIO_CONFIG] = config
    app[SERVICES] = services
    app[CLOCK] = services.clock
    app[ALLOWED_HOSTS] = allowed_hosts(config.public_url)
    setup_templates(app)
    app.router.add_static("/static", STATIC_DIR, name="static", append_version=False)
    for module in PAGE_MODULES:
        module.add_routes(app)
    app.cleanup_ctx.append(_announce_first_run)
    return app


async def _announce_first_run(app: web.Application) -> AsyncIterator[None]:
    """Outside dev mode, print where the first account is created (and the token it needs)."""
    config = app[STUDIO_CONFIG]
    if config.bootstrap_token and await first_run(now=app[CLOCK].now()):
        url = f"{config.public_url}/studio/setup?token={config.bootstrap_token}"
        print(f"No studio account yet. Create the first one at:\n  {url}", flush=True)
    yield
