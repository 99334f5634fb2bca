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
