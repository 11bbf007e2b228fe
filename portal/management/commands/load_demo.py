from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import run_all


class Command(BaseCommand):
    help = "载入演示内容（可重复执行，不会产生重复数据）。Load the demo content; idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            run_all(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示内容已载入。"))
