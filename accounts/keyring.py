"""Key rings from the environment: the audit chain's HMAC keys and the keys that seal TOTP secrets.

A ring is written ``id:hex,id:hex,…`` (for example ``2026a:9f…,2025b:41…``). The first key is the current
one: it signs new audit records and seals new TOTP secrets. Every key of the ring still verifies and
unseals, so a new key rolls in ahead of the old one and the old one leaves only when nothing needs it.
Keys never enter the database; records store the key id only.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured

KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,8}$")


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]
    current_id: str

    @property
    def current(self) -> bytes:
        return self.keys[self.current_id]

    def get(self, key_id: str) -> bytes | None:
        return self.keys.get(key_id)


@lru_cache(maxsize=16)
def parse(spec: str, *, name: str, lengths: tuple[int, ...] = ()) -> KeyRing:
    """The key ring written in ``spec`` (the value of the variable ``name``); ``lengths`` are the key
    sizes in bytes the cipher accepts (any size of 16 bytes or more when empty)."""
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in (spec or "").split(",")):
        if not item:
            continue
        key_id, sep, secret = item.partition(":")
        if not sep or not KEY_ID_PATTERN.match(key_id):
            raise ImproperlyConfigured(
                f"{name}: each key is written id:hex with an id of 1-8 letters or digits"
            )
        try:
            key = bytes.fromhex(secret)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: the key {key_id!r} is not hexadecimal") from exc
        if (lengths and len(key) not in lengths) or len(key) < 16:
            wanted = " or ".join(str(n) for n in lengths) if lengths else "at least 16"
            raise ImproperlyConfigured(f"{name}: the key {key_id!r} must be {wanted} bytes")
        if key_id in keys:
            raise ImproperlyConfigured(f"{name}: the key id {key_id!r} appears twice")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured(f"Required environment variable {name} is empty: give at least one key")
    return KeyRing(keys=keys, current_id=next(iter(keys)))
