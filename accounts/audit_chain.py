"""The audit trail's keyed chain (R-43; GB/T 22239-2019 level 3, GB/T 39786-2021).

Each record's ``hash`` is an HMAC, under a key from the environment (``AUDIT_HMAC_KEYS``), over the
previous record's HMAC and the canonical JSON of the record — which includes the record's key id and
algorithm, so neither can be swapped. SM3 by default, SHA-256 selectable (``AUDIT_HMAC_ALGORITHM``).
Canonical JSON: keys sorted, no spaces, UTF-8, datetimes in UTC with microseconds.

Someone who can write to the database but does not hold the key can neither rewrite a record nor
recompute the links after it. Removing the newest records or emptying the table leaves a shorter chain
that is still consistent; the checkpoints (``accounts.audit_checkpoint``), written outside the database,
name that: :func:`verify` compares the chain with the latest one.
"""

import json
from dataclasses import dataclass
from datetime import UTC
from hmac import compare_digest

from cryptography.hazmat.primitives import hashes, hmac
from django.conf import settings

from accounts import keyring

GENESIS_HASH = "0" * 64
ALGORITHMS = {"sm3": hashes.SM3, "sha256": hashes.SHA256}


def canonical_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def audit_keys() -> keyring.KeyRing:
    return keyring.parse(settings.AUDIT_HMAC_KEYS, name="AUDIT_HMAC_KEYS")


def current_algorithm() -> str:
    algorithm = settings.AUDIT_HMAC_ALGORITHM
    if algorithm not in ALGORITHMS:
        raise ValueError(f"AUDIT_HMAC_ALGORITHM must be one of {', '.join(ALGORITHMS)}, not {algorithm!r}")
    return algorithm


def link_mac(key: bytes, algorithm: str, prev_hash: str, content: dict) -> str:
    """HMAC(key, prev_hash ‖ LF ‖ canonical JSON of content), in hex."""
    mac = hmac.HMAC(key, ALGORITHMS[algorithm]())
    mac.update(prev_hash.encode("ascii") + b"\n" + canonical_json(content).encode("utf-8"))
    return mac.finalize().hex()


@dataclass(frozen=True)
class BrokenLink:
    record_id: int | None
    reason: str


@dataclass(frozen=True)
class Verification:
    checked: int
    broken: BrokenLink | None
    last_id: int | None
    last_hash: str


def verify(records, keys: keyring.KeyRing | None = None, checkpoint=None) -> Verification:
    """Walk ``records`` (AuditRecord rows, oldest first) and compare the end with ``checkpoint`` (an
    ``audit_checkpoint.Checkpoint`` or None). Report the first broken link."""
    keys = keys or audit_keys()
    expected_prev = GENESIS_HASH
    checked = 0
    last_id = None
    seen_checkpoint = checkpoint is None or checkpoint.last_id == 0

    def result(broken):
        return Verification(checked, broken, last_id, expected_prev)

    for record in records:
        if record.prev_hash != expected_prev:
            return result(BrokenLink(record.pk, "前一条哈希与上一条记录不符（记录被删除、插入或重排）"))
        key = keys.get(record.key_id)
        if key is None:
            return result(BrokenLink(record.pk, f"签名密钥“{record.key_id or '（无）'}”未配置（密钥缺失）"))
        if record.algorithm not in ALGORITHMS:
            return result(BrokenLink(record.pk, f"未知的算法“{record.algorithm}”"))
        expected = link_mac(key, record.algorithm, record.prev_hash, record.canonical_content())
        if not compare_digest(expected, record.hash):
            return result(
                BrokenLink(
                    record.pk, "记录内容与哈希不符（消息认证码错误：记录被篡改、链被重算，或密钥错误）"
                )
            )
        expected_prev = record.hash
        checked += 1
        last_id = record.pk
        if checkpoint is not None and record.pk == checkpoint.last_id:
            seen_checkpoint = True
            if not compare_digest(record.hash, checkpoint.hash) or checked != checkpoint.count:
                return result(
                    BrokenLink(
                        record.pk,
                        f"与 {checkpoint.written_at} 的检查点不符（检查点：第 {checkpoint.last_id} 号记录，"
                        f"共 {checkpoint.count} 条；现为第 {checked} 条）：链被整体重写",
                    )
                )
    if not seen_checkpoint:
        return result(
            BrokenLink(
                None,
                f"审计记录比 {checkpoint.written_at} 的检查点少：检查点记至第 {checkpoint.last_id} 号记录"
                f"（共 {checkpoint.count} 条），现仅有 {checked} 条"
                + (f"，止于第 {last_id} 号" if last_id is not None else "")
                + "——最新的记录被删除，或审计表被清空（TRUNCATE）",
            )
        )
    return result(None)


def record_content(record) -> dict:
    """What a record's HMAC covers (also used by migrations on historical models)."""
    created_at = record.created_at
    return {
        "created_at": created_at.astimezone(UTC).isoformat(timespec="microseconds") if created_at else None,
        "actor_id": record.actor_id,
        "actor_username": record.actor_username,
        "action": record.action,
        "outcome": record.outcome,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "object_repr": record.object_repr,
        "ip_address": record.ip_address,
        "details": record.details,
        "key_id": record.key_id,
        "algorithm": record.algorithm,
    }
