"""Demo loader step: index the demo content (runs after cms_pages.demo). Idempotent: a full rebuild."""

from search import indexing


def run(progress) -> None:
    def report(done, total, message):
        progress.count(done, total, message)

    written = indexing.rebuild(progress=report)
    for name, count in written.items():
        progress.step(f"检索索引（{name}）：{count} 条")
