"""Small readers for environment variables, so every setting says its type and default once."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    """A production secret: no default, and start-up fails with the variable's name when it is missing."""
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Required environment variable {name} is not set")
    return value


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses and networks (CIDR). A value that is neither, or a network with host bits set
    ("172.28.0.10/24": one host or the whole network?), stops start-up with the variable's name."""
    values = env_list(name, "")
    for value in values:
        try:
            ipaddress.ip_network(value, strict=True)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"Environment variable {name}: {value!r} is not an address or network"
            ) from exc
    return values
