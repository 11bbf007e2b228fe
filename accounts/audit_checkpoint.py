"""Checkpoints of the audit chain's head, written outside the database (R-43).

A checkpoint is one JSON line: the id and HMAC of the newest record, the number of records, the time,
and a seal (an HMAC under the current audit key over the rest of the line, so a line cannot be forged
without the key). It is appended to ``AUDIT_CHECKPOINT_FILE`` (on an append-only file system or a file
with ``chattr +a``), logged on the ``accounts.audit.checkpoint`` logger (ship it to the log host) and, when
``AUDIT_CHECKPOINT_EMAILS`` is set, e-mailed to the auditors. Celery beat writes one every
``AUDIT_CHECKPOINT_INTERVAL_MINUTES``; ``manage.py audit_checkpoint`` writes one on demand.
"""

import json
import logging
import os
from dataclasses import asdict, dataclass
from hmac import compare_digest
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from accounts.audit_chain import GENESIS_HASH, audit_keys, canonical_json, current_algorithm, link_mac

logger = logging.getLogger("accounts.audit.checkpoint")


class CheckpointInvalid(Exception):
    """The checkpoint file holds a line that is not a valid, sealed checkpoint."""


@dataclass(frozen=True)
class Checkpoint:
    last_id: int
    count: int
    hash: str
    written_at: str
    key_id: str
    algorithm: str
    seal: str = ""

    def fields(self) -> dict:
        data = asdict(self)
        data.pop("seal")
        return data


def _seal(fields: dict, key: bytes, algorithm: str) -> str:
    return link_mac(key, algorithm, "checkpoint", fields)


def head() -> Checkpoint:
    """The chain's head as it is now in the database (unsealed)."""
    from accounts.models import AuditRecord

    last = AuditRecord.objects.order_by("-id").values("id", "hash").first()
    keys = audit_keys()
    return Checkpoint(
        last_id=last["id"] if last else 0,
        count=AuditRecord.objects.count(),
        hash=last["hash"] if last else GENESIS_HASH,
        written_at=timezone.now().isoformat(timespec="seconds"),
        key_id=keys.current_id,
        algorithm=current_algorithm(),
    )


def checkpoint_path(path=None) -> Path | None:
    value = path or settings.AUDIT_CHECKPOINT_FILE
    return Path(value) if value else None


def write(reason: str = "scheduled", path=None) -> Checkpoint:
    """Write the head out of the database now: file, log and (if configured) e-mail."""
    unsealed = head()
    checkpoint = Checkpoint(
        **unsealed.fields(), seal=_seal(unsealed.fields(), audit_keys().current, unsealed.algorithm)
    )
    line = canonical_json(asdict(checkpoint))
    target = checkpoint_path(path)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(descriptor, (line + "\n").encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    logger.info("audit checkpoint (%s) %s", reason, line)
    recipients = [address for address in settings.AUDIT_CHECKPOINT_EMAILS if address]
    if recipients:
        send_mail(
            f"审计记录检查点：第 {checkpoint.last_id} 号记录（共 {checkpoint.count} 条）",
            "以下为审计记录哈希链的检查点，请审计员留存，用于核验审计记录未被删改：\n\n" + line + "\n",
            None,
            recipients,
        )
    return checkpoint


def parse_line(line: str) -> Checkpoint:
    """A checkpoint from one line of the file; its seal is checked with the audit key ring."""
    try:
        checkpoint = Checkpoint(**json.loads(line))
    except (ValueError, TypeError) as exc:
        raise CheckpointInvalid(f"检查点格式错误：{line[:80]}") from exc
    key = audit_keys().get(checkpoint.key_id)
    if key is None:
        raise CheckpointInvalid(f"检查点的签名密钥“{checkpoint.key_id}”未配置（密钥缺失）")
    if not compare_digest(_seal(checkpoint.fields(), key, checkpoint.algorithm), checkpoint.seal):
        raise CheckpointInvalid(f"{checkpoint.written_at} 的检查点签名不符（检查点被伪造，或密钥错误）")
    return checkpoint


def latest(path=None) -> Checkpoint | None:
    """The newest checkpoint in the file, or None when there is no file or it is empty."""
    target = checkpoint_path(path)
    if target is None or not target.exists():
        return None
    lines = [line for line in target.read_text(encoding="utf-8").splitlines() if line.strip()]
    return parse_line(lines[-1]) if lines else None
