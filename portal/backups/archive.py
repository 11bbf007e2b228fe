"""The backup archive: a tar of ``database.dump``, ``audit-checkpoint.json``, the files under ``media/``
and ``private_media/``, and ``manifest.json`` — the SHA-256 and size of every other member, the row count
of every table, and a seal (an HMAC under the current audit key) over the manifest itself. Any changed
byte of a member's content, or of the manifest, is named by :func:`open_verified` before anything is
restored.
"""

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from hmac import compare_digest
from pathlib import Path, PurePosixPath

from accounts.audit_chain import audit_keys, canonical_json, current_algorithm, link_mac

MANIFEST = "manifest.json"
DATABASE = "database.dump"
CHECKPOINT = "audit-checkpoint.json"
FILE_ROOTS = ("media", "private_media")
CHUNK = 1024 * 1024


class ArchiveRefused(Exception):
    """The archive is damaged or altered; the message names the member."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def _seal(manifest: dict) -> dict:
    keys = audit_keys()
    body = {key: value for key, value in manifest.items() if key != "seal"}
    algorithm = current_algorithm()
    mac = link_mac(keys.current, algorithm, "backup", body)
    return {**body, "seal": {"key_id": keys.current_id, "algorithm": algorithm, "mac": mac}}


def _seal_holds(manifest: dict) -> bool:
    seal = manifest.get("seal") or {}
    key = audit_keys().get(seal.get("key_id", ""))
    if key is None or seal.get("algorithm") not in ("sm3", "sha256"):
        return False
    body = {key_: value for key_, value in manifest.items() if key_ != "seal"}
    return compare_digest(link_mac(key, seal["algorithm"], "backup", body), seal.get("mac", ""))


def write(target: Path, members: dict[str, Path], facts: dict) -> Path:
    """Write ``members`` (archive name → file on disk) and a sealed manifest with ``facts`` to ``target``."""
    entries = {
        name: {"sha256": sha256_of(path), "size": path.stat().st_size} for name, path in members.items()
    }
    manifest = _seal({**facts, "files": entries})
    data = canonical_json(manifest).encode("utf-8")
    with tarfile.open(target, "w") as archive:
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
        for name, path in members.items():
            archive.add(path, arcname=name, recursive=False)
    return target


@dataclass
class VerifiedArchive:
    manifest: dict
    archive: tarfile.TarFile

    def extract(self, name: str, destination: Path) -> None:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with self.archive.extractfile(name) as source, open(destination, "wb") as sink:
            for block in iter(lambda: source.read(CHUNK), b""):
                sink.write(block)

    def read(self, name: str) -> bytes:
        with self.archive.extractfile(name) as source:
            return source.read()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        return False
    return name in (DATABASE, CHECKPOINT, MANIFEST) or (len(path.parts) > 1 and path.parts[0] in FILE_ROOTS)


def open_verified(path: Path) -> VerifiedArchive:
    """Open the archive and check everything in it; raise ArchiveRefused naming the first bad member."""
    try:
        archive = tarfile.open(path, "r:")
        members = archive.getmembers()
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveRefused(f"备份归档无法读取（{path.name}）：{exc}") from exc
    names = [member.name for member in members]
    if not names or names[0] != MANIFEST:
        raise ArchiveRefused(f"备份归档缺少 {MANIFEST}")
    try:
        manifest = json.loads(archive.extractfile(MANIFEST).read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArchiveRefused(f"{MANIFEST} 已损坏（不是有效的 JSON）") from exc
    if not isinstance(manifest, dict) or not _seal_holds(manifest):
        raise ArchiveRefused(f"{MANIFEST} 的签名不符：清单被改动，或审计密钥不是备份时的密钥")
    expected = manifest.get("files", {})
    for member in members[1:]:
        if not member.isfile() or not _safe_name(member.name):
            raise ArchiveRefused(f"备份归档含有不应有的条目：{member.name}")
        entry = expected.get(member.name)
        if entry is None:
            raise ArchiveRefused(f"{member.name} 不在清单中")
        digest = hashlib.sha256()
        with archive.extractfile(member) as source:
            for block in iter(lambda: source.read(CHUNK), b""):
                digest.update(block)
        if member.size != entry["size"] or not compare_digest(digest.hexdigest(), entry["sha256"]):
            raise ArchiveRefused(f"{member.name} 的校验和不符：文件在备份后被改动或损坏")
    missing = sorted(set(expected) - set(names))
    if missing:
        raise ArchiveRefused(f"清单中的 {missing[0]} 不在备份归档中")
    return VerifiedArchive(manifest=manifest, archive=archive)
