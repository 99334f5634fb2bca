"""Which network addresses URL ingestion may reach: host spellings, public-address checks."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _ipv4_part(part: str) -> int | None:
    """One dotted part as inet_aton(3) reads it: 0x hex, 0-prefixed octal, else decimal."""
    try:
        if part[:2].lower() == "0x":
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part, 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`: the address libc would connect to."""
    parts = host.rstrip(".").split(".")
    numbers = [_ipv4_part(p) for p in parts] if 1 <= len(parts) <= 4 and all(parts) else []
    if not numbers or any(n is None for n in numbers):
        return None
    *head, last = [n for n in numbers if n is not None]
    if any(n > 255 for n in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    value = 0
    for n in head:
        value = value << 8 | n
    return ipaddress.IPv4Address(value << (8 * (4 - len(head))) | last)


def literal_address(host: str) -> IPAddress | None:
    """The IP address a URL host spells directly (any spelling), or None for a name."""
    bare = host.strip("[]")
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        return legacy_ipv4(bare)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    """True for a globally routable unicast address (and any IPv4 address it embeds)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # the socket connects to the IPv4 address itself
            return is_public(ip.ipv4_mapped)
        inner = embedded_ipv4(ip)
        if inner is not None and not is_public(inner):
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses always; private ones only when allowed (all, or listed networks)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def of(cls, *, allow_private: bool, networks: Iterable[str] = ()) -> AddressPolicy:
        return cls(allow_private, tuple(ipaddress.ip_network(n) for n in networks))

    def permits(self, ip: IPAddress) -> bool:
        if self.allow_private or is_public(ip):
            return True
        return any(ip.version == net.version and ip in net for net in self.allowed_networks)
