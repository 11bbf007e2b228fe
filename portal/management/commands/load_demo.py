from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import ForeignCases, run_all


class Command(BaseCommand):
    help = "载入演示内容（可重复执行，不会产生重复数据）。Load the demo content; idempotent."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                run_all(self.stdout.write)
        except ForeignCases as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("演示内容已载入。"))
