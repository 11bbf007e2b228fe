"""manage.py reindex: rebuild the search indexes from every live, public page, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.backends import database_backend, elasticsearch_backend


class Command(BaseCommand):
    help = "重建检索索引（数据库检索；配置 ELASTICSEARCH_URL 时同时重建 Elasticsearch 索引）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=["all", "database", "elasticsearch"],
            default="all",
            help="只重建指定的检索后端（默认全部）。",
        )

    def handle(self, *args, backend="all", **options):
        backends = []
        if backend in ("all", "database"):
            backends.append(database_backend())
        if backend in ("all", "elasticsearch"):
            es = elasticsearch_backend()
            if es is not None:
                backends.append(es)
            elif backend == "elasticsearch":
                raise CommandError("Elasticsearch 不可用：请检查 ELASTICSEARCH_URL 及服务状态。")
        for chosen in backends:
            bar = tqdm(desc=chosen.name, unit="条", file=self.stdout, dynamic_ncols=True)

            def progress(done, total, message, bar=bar):
                bar.total = max(total, done)
                bar.update(done - bar.n)

            written = indexing.rebuild([chosen], progress)
            bar.close()
            self.stdout.write(self.style.SUCCESS(f"{chosen.name}: 已索引 {written[chosen.name]} 条"))
