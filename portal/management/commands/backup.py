import tempfile
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import audit_checkpoint
from accounts.audit_chain import canonical_json
from portal.backups import archive, database


class Command(BaseCommand):
    help = (
        "备份：数据库（pg_dump）、上传文件及其校验和、审计检查点，写入一个带日期的归档。"
        "Back up the database, the files (with checksums) and the audit checkpoint into one dated archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=".", help="folder for the archive (default: here)")

    def handle(self, *args, output_dir, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(output_dir) / f"portal-backup-{stamp}.tar"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with tempfile.TemporaryDirectory() as scratch:
                scratch = Path(scratch)
                members = {}
                with database.snapshot() as snapshot_id:
                    counts = database.table_counts()
                    checkpoint = audit_checkpoint.write(reason="backup")
                    database.dump(scratch / archive.DATABASE, snapshot_id)
                members[archive.DATABASE] = scratch / archive.DATABASE
                (scratch / archive.CHECKPOINT).write_text(
                    canonical_json(asdict(checkpoint)), encoding="utf-8"
                )
                members[archive.CHECKPOINT] = scratch / archive.CHECKPOINT
                for name, root in (
                    ("media", settings.MEDIA_ROOT),
                    ("private_media", settings.PRIVATE_MEDIA_ROOT),
                ):
                    for path in archive.files_under(Path(root)):
                        members[f"{name}/{path.relative_to(root).as_posix()}"] = path
                facts = {
                    "created_at": timezone.now().isoformat(timespec="seconds"),
                    "database": str(database.connection.settings_dict["NAME"]),
                    "row_counts": counts,
                }
                archive.write(target, members, facts)
        except database.DatabaseRefused as exc:
            raise CommandError(str(exc)) from exc
        files = len(members) - 2
        self.stdout.write(
            self.style.SUCCESS(
                f"已写出备份 {target}：{sum(counts.values())} 行数据（{len(counts)} 张表），{files} 个文件，"
                f"审计检查点第 {checkpoint.last_id} 号记录。"
            )
        )
