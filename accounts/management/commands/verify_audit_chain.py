from django.core.management.base import BaseCommand, CommandError

from accounts import audit_checkpoint
from accounts.audit_chain import verify
from accounts.models import AuditRecord


class Command(BaseCommand):
    help = (
        "校验审计记录链（消息认证码与最新检查点），报告第一处断链。"
        "Verify the audit trail's keyed chain against the latest checkpoint; report the first broken link."
    )

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", help="checkpoint file (default AUDIT_CHECKPOINT_FILE)")

    def handle(self, *args, **options):
        try:
            checkpoint = audit_checkpoint.latest(options["checkpoint"])
        except audit_checkpoint.CheckpointInvalid as exc:
            raise CommandError(f"检查点不可信：{exc}") from exc
        records = AuditRecord.objects.order_by("id").iterator(chunk_size=2000)
        result = verify(records, checkpoint=checkpoint)
        if result.broken is not None:
            where = (
                f"第 {result.broken.record_id} 号记录处" if result.broken.record_id is not None else "链尾"
            )
            raise CommandError(
                f"审计记录哈希链在{where}断开：{result.broken.reason}。此前 {result.checked} 条记录校验通过。"
            )
        against = (
            f"，与 {checkpoint.written_at} 的检查点（第 {checkpoint.last_id} 号记录）相符"
            if checkpoint is not None
            else "（未找到检查点：无法发现尾部删除，请配置 AUDIT_CHECKPOINT_FILE）"
        )
        self.stdout.write(
            self.style.SUCCESS(f"审计记录哈希链完整：共校验 {result.checked} 条记录{against}。")
        )
