"""The audit trail's hash chain (R-43): each record's hash covers the previous record's hash.

``hash = SHA-256(prev_hash + canonical JSON of the record)``. Canonical JSON: keys sorted, no spaces,
UTF-8, datetimes in UTC with microseconds. Verifying walks the records in insertion order and reports the
first record whose link or content does not match.
"""

import hashlib
import json
from dataclasses import dataclass

GENESIS_HASH = "0" * 64


def canonical_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_hash(prev_hash: str, content: dict) -> str:
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    record_id: int
    reason: str


def verify(records) -> tuple[int, BrokenLink | None]:
    """Walk ``records`` (AuditRecord rows, oldest first); return (records checked, first broken link)."""
    expected_prev = GENESIS_HASH
    checked = 0
    for record in records:
        if record.prev_hash != expected_prev:
            return checked, BrokenLink(record.pk, "前一条哈希与上一条记录不符（记录被删除、插入或重排）")
        if chain_hash(record.prev_hash, record.canonical_content()) != record.hash:
            return checked, BrokenLink(record.pk, "记录内容与哈希不符（记录被篡改）")
        expected_prev = record.hash
        checked += 1
    return checked, None
