"""What a server process loads up front: vendor libraries a widget turn never needs stay out
(aiogram alone held ~150 MB of built Telegram types; issue 9's RSS goal)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ON_FIRST_USE = ("aiogram", "twilio.rest", "reportlab", "PIL")


def test_the_app_loads_telegram_twilio_pdf_and_image_libraries_only_when_used() -> None:
    probe = (
        "import sys, channels.app, channels.cli; "
        f"print(','.join(m for m in {ON_FIRST_USE!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


# Records, in a fresh interpreter, which thread first looks for each vendor package.
FIRST_USE_PROBE = """
import asyncio, sys, threading

seen = {}

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name in ("aiogram", "twilio.rest"):
            seen.setdefault(name, threading.current_thread() is threading.main_thread())
        return None

sys.meta_path.insert(0, Spy())
from bot.settings import TelegramSettings, TwilioSettings
from channels.telegram.client import TelegramClients
from channels.whatsapp.client import TwilioClients

async def main():
    telegram = TelegramClients(TelegramSettings(api_base="http://127.0.0.1:9"))
    await telegram.for_token("123:abc")
    await telegram.close()
    twilio = TwilioClients(TwilioSettings(api_base="http://127.0.0.1:9"), public_url="http://x")
    await twilio.client("AC" + "0" * 32, "token")

asyncio.run(main())
where = {name: "loop" if on_loop else "worker" for name, on_loop in seen.items()}
print(",".join(f"{name}={where[name]}" for name in sorted(where)))
"""


def test_the_first_telegram_or_whatsapp_client_loads_its_library_off_the_event_loop() -> None:
    """Building aiogram's types took 2.6 s on the event loop under load: every request and
    lease renewal of the process waited (another process reclaimed rows and sent them twice)."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_USE_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "aiogram=worker,twilio.rest=worker"
