from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms_pages.measures import MEASURES_FILE
from cms_pages.measures.importer import ImportRefused, import_measures
from cms_pages.measures.parser import MeasuresFormatError
from portal.demo import Progress


class Command(BaseCommand):
    help = "导入《天津市计量数据建设应用中心管理办法（试行）》全文为政策文件页面（可重复执行，原位更新）。"

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=MEASURES_FILE, help="办法全文文本文件（UTF-8）")

    def handle(self, *args, **options):
        path = options["file"]
        if not path.exists():
            raise CommandError(f"找不到文件：{path}")
        try:
            result = import_measures(path, progress=Progress(self.stdout.write))
        except (ImportRefused, MeasuresFormatError) as exc:
            raise CommandError(str(exc)) from exc
        if result.created:
            verb = "已创建"
        elif result.changed:
            verb = "已更新"
        else:
            verb = "内容未变化，未发布新版本"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}：{result.page.title}（{result.chapters}章、{result.articles}条、{result.annexes}个附件）"
                f" {result.page.url_path}"
            )
        )
