"""The vendored front-end files are exactly the ones SHA256SUMS names, each with its licence."""

from __future__ import annotations

import hashlib

from channels.studio.render import STATIC_DIR

VENDOR = STATIC_DIR / "vendor"


def test_vendored_files_match_their_sums() -> None:
    lines = (VENDOR / "SHA256SUMS").read_text().splitlines()
    listed = dict(reversed(line.split()) for line in lines if line.strip())
    assert {"htmx.min.js", "pico.min.css", "chart.umd.min.js"} <= set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    shipped = {p.name for p in VENDOR.iterdir()} - {"SHA256SUMS"}
    assert shipped == set(listed), "every vendored file is listed in SHA256SUMS"


def test_each_library_carries_its_licence() -> None:
    for library in ("htmx", "pico", "chartjs", "redoc"):
        text = (VENDOR / f"LICENSE.{library}.txt").read_text()
        assert "Permission" in text or "permission" in text, library
