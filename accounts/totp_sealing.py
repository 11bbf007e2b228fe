"""TOTP secrets sealed at rest (R-43; GB/T 39786-2021): SM4-GCM by default, AES-GCM selectable.

django-otp keeps a device's secret as hex in ``key``. ``accounts.models.SealedTOTPDevice`` stores there
instead ``<cipher>$<key id>$<base64url(nonce ‖ ciphertext ‖ tag)>``, sealed under the current key of
``TOTP_KEY_ENCRYPTION_KEYS`` with the device's user id as associated data (a sealed secret copied to
another user's row does not open). The secret is unsealed only to compute a code or, at enrolment, the
QR code; a database reader sees no secret.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from accounts import keyring

CIPHERS = {"sm4-gcm": ("sm4", algorithms.SM4, (16,)), "aes-gcm": ("aes", algorithms.AES, (16, 32))}
BY_TAG = {tag: (algorithm, lengths) for tag, algorithm, lengths in CIPHERS.values()}
NONCE_BYTES = 12
TAG_BYTES = 16


class SealBroken(Exception):
    """A sealed secret that does not open: wrong or missing key, or changed bytes."""


def sealing_keys() -> keyring.KeyRing:
    return keyring.parse(settings.TOTP_KEY_ENCRYPTION_KEYS, name="TOTP_KEY_ENCRYPTION_KEYS", lengths=(16, 32))


def is_sealed(value: str) -> bool:
    return value.count("$") == 2


def sealed_key_id(value: str) -> str:
    return value.split("$")[1] if is_sealed(value) else ""


def seal(secret: bytes, associated: bytes) -> str:
    if settings.TOTP_KEY_CIPHER not in CIPHERS:
        raise ImproperlyConfigured(f"TOTP_KEY_CIPHER must be one of {', '.join(CIPHERS)}")
    tag, algorithm, lengths = CIPHERS[settings.TOTP_KEY_CIPHER]
    keys = sealing_keys()
    if len(keys.current) not in lengths:
        raise ImproperlyConfigured(f"TOTP_KEY_ENCRYPTION_KEYS: {tag} needs a key of {lengths[0]} bytes")
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithm(keys.current), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(associated)
    body = encryptor.update(secret) + encryptor.finalize()
    packed = base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode("ascii").rstrip("=")
    return f"{tag}${keys.current_id}${packed}"


def unseal(value: str, associated: bytes) -> bytes:
    try:
        tag, key_id, packed = value.split("$")
        algorithm, _ = BY_TAG[tag]
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
    except (ValueError, KeyError) as exc:
        raise SealBroken("动态口令密钥的密文格式错误") from exc
    key = sealing_keys().get(key_id)
    if key is None:
        raise SealBroken(f"动态口令密钥的加密密钥“{key_id}”未配置")
    nonce, body, gcm_tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = Cipher(algorithm(key), modes.GCM(nonce, gcm_tag)).decryptor()
    decryptor.authenticate_additional_data(associated)
    try:
        return decryptor.update(body) + decryptor.finalize()
    except InvalidTag as exc:
        raise SealBroken("动态口令密钥无法解密（密钥错误或密文被改动）") from exc


def backup_code_digests(code: str, user_id: int) -> list[str]:
    """What a backup code is stored as: an HMAC-SM3 under each key of the ring (current first), cut to the
    16 characters of django-otp's token column. The code itself is shown once and never stored."""
    from cryptography.hazmat.primitives import hashes, hmac

    digests = []
    for key in sealing_keys().keys.values():
        mac = hmac.HMAC(key, hashes.SM3())
        mac.update(f"backup:{user_id}:{code}".encode())
        digests.append(mac.finalize().hex()[:16])
    return digests
