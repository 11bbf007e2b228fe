import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.audit_chain import verify
from accounts.audit_checkpoint import CheckpointInvalid, parse_line
from accounts.models import AuditRecord
from portal.backups import archive, database


class Command(BaseCommand):
    help = (
        "从备份归档恢复到空数据库与空存储，然后核验行数、每个文件的校验和与审计记录链。"
        "Restore an archive into an empty database and storage, then verify counts, file checksums and the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the portal-backup-….tar to restore")

    def handle(self, *args, **options):
        try:
            verified = archive.open_verified(Path(options["archive"]))
        except archive.ArchiveRefused as exc:
            raise CommandError(f"拒绝恢复：{exc}。") from exc
        manifest = verified.manifest
        roots = {"media": Path(settings.MEDIA_ROOT), "private_media": Path(settings.PRIVATE_MEDIA_ROOT)}
        for root in roots.values():
            if archive.files_under(root):
                raise CommandError(f"拒绝恢复：存储目录 {root} 不是空的，请恢复到空目录。")
        try:
            checkpoint = parse_line(verified.read(archive.CHECKPOINT).decode("utf-8"))
        except CheckpointInvalid as exc:
            raise CommandError(f"拒绝恢复：{archive.CHECKPOINT}：{exc}。") from exc
        try:
            database.assert_empty()
            with tempfile.TemporaryDirectory() as scratch:
                dump = Path(scratch) / archive.DATABASE
                verified.extract(archive.DATABASE, dump)
                database.restore(dump)
        except database.DatabaseRefused as exc:
            raise CommandError(f"拒绝恢复：{exc}") from exc
        for name in manifest["files"]:
            root_name, _, relative = name.partition("/")
            if root_name in roots:
                verified.extract(name, roots[root_name] / relative)
        self._verify(manifest, roots, checkpoint)

    def _verify(self, manifest, roots, checkpoint):
        counts = database.table_counts()
        wrong = {t: (n, counts.get(t)) for t, n in manifest["row_counts"].items() if counts.get(t) != n}
        if wrong:
            table, (expected, found) = next(iter(wrong.items()))
            raise CommandError(f"恢复后行数不符：{table} 应为 {expected} 行，实为 {found} 行。")
        for name, entry in manifest["files"].items():
            root_name, _, relative = name.partition("/")
            if root_name in roots and archive.sha256_of(roots[root_name] / relative) != entry["sha256"]:
                raise CommandError(f"恢复后文件校验和不符：{name}。")
        result = verify(AuditRecord.objects.order_by("id").iterator(), checkpoint=checkpoint)
        if result.broken is not None or result.last_id != (checkpoint.last_id or None):
            reason = result.broken.reason if result.broken else "审计记录多于备份时的检查点"
            raise CommandError(f"恢复后审计记录链校验失败：{reason}。")
        files = sum(1 for name in manifest["files"] if name.partition("/")[0] in roots)
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复并核验：{sum(counts.values())} 行数据（{len(counts)} 张表），{files} 个文件校验和相符，"
                f"审计记录链完整（{result.checked} 条，与备份时的检查点相符）。"
                "请以属主角色运行 manage.py database_roles grant <应用角色>。"
            )
        )
        self.stdout.write(json.dumps({"rows": sum(counts.values()), "files": files}))
