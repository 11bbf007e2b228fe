from django.core.management.base import BaseCommand, CommandError

from accounts.audit_chain import verify
from accounts.models import AuditRecord


class Command(BaseCommand):
    help = "校验审计记录哈希链，报告第一处断链。Verify the audit trail's hash chain; report the first broken link."

    def handle(self, *args, **options):
        records = AuditRecord.objects.order_by("id").iterator(chunk_size=2000)
        checked, broken = verify(records)
        if broken is not None:
            raise CommandError(
                f"审计记录哈希链在第 {broken.record_id} 号记录处断开：{broken.reason}。"
                f"此前 {checked} 条记录校验通过。"
            )
        self.stdout.write(self.style.SUCCESS(f"审计记录哈希链完整：共校验 {checked} 条记录。"))
