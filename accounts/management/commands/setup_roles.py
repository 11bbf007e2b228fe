from django.core.management.base import BaseCommand

from accounts.role_setup import setup_roles


class Command(BaseCommand):
    help = "创建或更新全部角色组及其权限（可重复执行）。Create or update every role group; idempotent."

    def handle(self, *args, **options):
        setup_roles(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("角色组已就绪。"))
