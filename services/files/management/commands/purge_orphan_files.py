from django.core.management.base import BaseCommand

from services.files.cleanup import purge_orphan_files


class Command(BaseCommand):
    help = "删除没有办件记录引用的材料文件（回滚事务遗留）。"

    def add_arguments(self, parser):
        parser.add_argument("--older-than-hours", type=int, default=24)

    def handle(self, *args, older_than_hours, **options):
        removed = purge_orphan_files(older_than_seconds=older_than_hours * 3600)
        self.stdout.write(f"已删除 {len(removed)} 个孤立文件。")
