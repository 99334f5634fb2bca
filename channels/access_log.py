"""The HTTP access log: method, path, status and time; never a query string (widget keys and
session ids travel there) nor a client address."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %s %.1fms", request.method, request.path, response.status, time * 1000
        )


ACCESS_LOG: dict[str, Any] = {
    "access_log_class": PathOnlyAccessLogger,
    "access_log": logging.getLogger("channels.access"),
}
"""Keyword arguments for `web.run_app` / `AppRunner` (and tests' `TestServer`)."""
