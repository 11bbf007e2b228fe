from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts import database_roles


class Command(BaseCommand):
    help = (
        "设置或检查应用所用的 PostgreSQL 角色（审计表只可查询与追加）。"
        "grant ROLE: run as the owner after migrate; check [ROLE]: list what makes a role unfit."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "check"])
        parser.add_argument(
            "role", nargs="?", help="the application role (check: default the connected role)"
        )

    def handle(self, *args, action, role, **options):
        if action == "grant":
            if not role:
                raise CommandError("请给出应用角色名，例如 database_roles grant portal_app。")
            try:
                database_roles.grant_app_privileges(connection, role)
            except database_roles.RoleSetupError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(self.style.SUCCESS(f"已授予 {role} 应用所需权限；审计表仅可查询与追加。"))
            return
        found = database_roles.problems(connection, role)
        if found:
            raise CommandError("数据库角色不合要求：" + " ".join(found))
        self.stdout.write(self.style.SUCCESS("数据库角色合要求：不拥有任何表，审计表仅可查询与追加。"))
