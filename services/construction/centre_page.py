"""The builder's centre page (/service-hall/construction/<pk>/) covers the centre's whole life, but
construction is the first stage: later stages (acceptance) depend on it, not the reverse. A later stage
adds its part of the page here when its app is ready (services.acceptance.apps), so that construction
imports nothing above it.
"""

from collections.abc import Callable

# each part: part(centre, context) -> None, adding what its stage shows to the template context
_parts: dict[str, Callable] = {}


def add_part(name: str, part: Callable) -> None:
    _parts[name] = part


def fill(centre, context: dict) -> dict:
    for part in _parts.values():
        part(centre, context)
    return context
