"""The page modules about one bot (settings, knowledge, channels, programs, try it)."""

from __future__ import annotations

from types import ModuleType

from channels.studio import bots, connections, gaps, insight, knowledge, programs, texts, trying

BOT_PAGE_MODULES: list[ModuleType] = [bots, knowledge, connections, programs, trying, texts]
BOT_PAGE_MODULES += [gaps, insight]
