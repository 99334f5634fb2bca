"""The `Parley-Signature` header: `t=<unix>,v1=<hex hmac-sha256(secret, "<t>.<body>")>`."""

from __future__ import annotations

import hashlib
import hmac

HEADER = "Parley-Signature"
TOLERANCE_S = 300


def digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The header value for `body` sent at `timestamp`."""
    return f"t={timestamp},v1={digest(secret, timestamp, body)}"


def verify(
    secret: str, body: bytes, header: str, *, now: int, tolerance_s: int = TOLERANCE_S
) -> bool:
    """What a receiver checks: a v1 signature over this body, made within `tolerance_s`."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance_s:
        return False
    return hmac.compare_digest(parts.get("v1", ""), digest(secret, timestamp, body))
