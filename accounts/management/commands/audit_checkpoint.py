from django.core.management.base import BaseCommand

from accounts import audit_checkpoint


class Command(BaseCommand):
    help = (
        "写出审计记录链头检查点（文件、日志、审计员邮箱）。"
        "Write a checkpoint of the audit chain's head out of the database (file, log, auditors' e-mail)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", help="checkpoint file (default AUDIT_CHECKPOINT_FILE)")

    def handle(self, *args, **options):
        checkpoint = audit_checkpoint.write(reason="on demand", path=options["file"])
        self.stdout.write(
            self.style.SUCCESS(
                f"已写出检查点：第 {checkpoint.last_id} 号记录，共 {checkpoint.count} 条，"
                f"消息认证码 {checkpoint.hash[:16]}…"
            )
        )
