"""The client's address, for the audit trail (R-43: the source address of every recorded event), the rate
limits (portal.rate_limits) and the sign-in lock-out (django-axes): one function, :func:`client_address`.

In production the portal is reached only through the front cache (docker/varnish/default.vcl), so
REMOTE_ADDR is the cache's address for every request. The cache appends the address it was connected from to
X-Forwarded-For. That header is read only when REMOTE_ADDR is a trusted proxy (``settings.TRUSTED_PROXIES``:
addresses and networks; empty, the default, means REMOTE_ADDR alone), and then the client is the right-most
entry that is not itself a trusted proxy: entries to its left were written by the client and cannot choose
the address (docs/decisions/0150-client-address-behind-the-front-cache.md).

The header is client input: an entry that is not an address where the client's address should be, or a
chain of trusted proxies longer than :data:`MAX_HOPS` or than the header, gives REMOTE_ADDR — never an error.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Entries read from the right of X-Forwarded-For: at most this many proxies stand between client and portal.
MAX_HOPS = 8
# The longest entry read as an address (an IPv6 address with an IPv4 tail is 45 characters).
MAX_ENTRY_LENGTH = 45

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_address(value) -> Address | None:
    """``value`` as an address (an IPv4-mapped IPv6 address as its IPv4 address), or None if it is not one.
    Ports, brackets and IPv6 zone ids are not addresses here."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_ENTRY_LENGTH or "%" in value:
        return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def parse_networks(values: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The trusted proxies as networks (an address is a network of one). A network with host bits set
    ("172.28.0.10/24") is refused: it names neither one host nor a network without doubt."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=True))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {value!r} is not an address or network ({exc})"
            ) from exc
    return tuple(networks)


def trusted_networks():
    return parse_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def is_trusted(address: Address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request) -> str | None:
    """The client's address as text (IPv6 compressed), or None when REMOTE_ADDR is no address (a Unix socket)."""
    if request is None:
        return None
    remote = parse_address(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    networks = trusted_networks()
    if not networks or not is_trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not isinstance(forwarded, str) or not forwarded.strip():
        return str(remote)
    # Only the right-most MAX_HOPS entries are split off; the rest of a huge header is never looked at.
    entries = forwarded.rsplit(",", MAX_HOPS)
    whole = len(entries) <= MAX_HOPS
    if not whole:
        entries = entries[1:]
    for entry in reversed(entries):
        address = parse_address(entry)
        if address is None:
            return str(remote)  # garbage where the next hop's address should be
        if not is_trusted(address, networks):
            return str(address)
    # Every entry is a trusted proxy: the request began at the left-most one, if the header was read whole.
    return str(address) if whole else str(remote)


def ratelimit_ip(request) -> str:
    """django-ratelimit's RATELIMIT_IP_META_KEY: it masks what this returns as an address, so it must be one."""
    address = client_address(request)
    if address is None:
        raise ImproperlyConfigured(
            "REMOTE_ADDR is not an address: the portal must be served over TCP for its rate limits"
        )
    return address
