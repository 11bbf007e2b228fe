"""Import the published measures into a PolicyPage: chapters, articles with their exact text, annexes.

Idempotent: the page is found by its 文号 (or slug) and updated in place; an import of unchanged text
publishes nothing new.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from cms_pages.measures import MEASURES_FILE
from cms_pages.measures.parser import ParsedMeasures, parse_measures
from cms_pages.models import HomePage, PolicyAnnex, PolicyIndexPage, PolicyPage

# The preamble names the document by its 文号 only; 津市场监管 is the commission's prefix.
ISSUER = "天津市市场监督管理委员会"
SLUG = "jin-shichangjianguan-ji-2025-14"


class ImportRefused(Exception):
    """The import cannot run; the message says why, in Chinese."""


@dataclass
class ImportResult:
    page: PolicyPage
    created: bool
    changed: bool
    chapters: int
    articles: int
    annexes: int


def body_outline(page: PolicyPage) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """The page's chapters and articles as plain tuples, for comparison with a parse of the source."""
    return [
        (
            chapter.value["number"],
            chapter.value["title"],
            [(article["number"], article["text"]) for article in chapter.value["articles"]],
        )
        for chapter in page.body
        if chapter.block_type == "chapter"
    ]


def parsed_outline(parsed: ParsedMeasures) -> list[tuple[int, str, list[tuple[int, str]]]]:
    return [
        (chapter.number, chapter.title, [(article.number, article.text) for article in chapter.articles])
        for chapter in parsed.chapters
    ]


def find_policy_index() -> PolicyIndexPage:
    index = PolicyIndexPage.objects.order_by("path").first()
    if index is not None:
        return index
    home = HomePage.objects.order_by("path").first()
    if home is None:
        raise ImportRefused(
            "站点中还没有首页：请先运行 manage.py load_demo，或在后台创建首页和“政策法规”栏目。"
        )
    index = PolicyIndexPage(title="政策法规", slug="policies", show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def import_measures(
    path: Path = MEASURES_FILE, progress=None, parent: PolicyIndexPage | None = None
) -> ImportResult:
    parsed = parse_measures(Path(path).read_text(encoding="utf-8"))
    if progress:
        progress.step(
            f"解析完成：{parsed.title}，{len(parsed.chapters)}章 {len(parsed.articles)}条 {len(parsed.annexes)}个附件"
        )

    with transaction.atomic():
        page = (
            PolicyPage.objects.filter(document_number=parsed.document_number).first()
            if parsed.document_number
            else None
        ) or PolicyPage.objects.filter(slug=SLUG).first()
        created = page is None
        if created:
            page = PolicyPage(slug=SLUG)

        chapters_raw = []
        for done, chapter in enumerate(parsed.chapters, start=1):
            chapters_raw.append(
                {
                    "type": "chapter",
                    "value": {
                        "number": chapter.number,
                        "title": chapter.title,
                        "articles": [{"number": a.number, "text": a.text} for a in chapter.articles],
                    },
                }
            )
            if progress:
                progress.count(done, len(parsed.chapters), f"第{chapter.number}章 {chapter.title}")

        summary = "".join(line for line in parsed.preamble if not line.endswith((":", "：")))
        fields = {
            "title": parsed.title,
            "document_number": parsed.document_number,
            "issuer": ISSUER,
            "issue_date": parsed.issue_date,
            "effective_date": parsed.effective_date,
            "summary": summary,
        }
        annexes = [(annex.number, annex.title) for annex in parsed.annexes]
        changed = created or (
            any(getattr(page, name) != value for name, value in fields.items())
            or body_outline(page) != parsed_outline(parsed)
            or [(a.number, a.title) for a in page.annexes.all()] != annexes
            or not page.live
        )
        if changed:
            for name, value in fields.items():
                setattr(page, name, value)
            page.body = chapters_raw
            existing = {annex.number: annex for annex in page.annexes.all()}
            page.annexes = [
                _annex(existing.get(number), number, title, order)
                for order, (number, title) in enumerate(annexes)
            ]
            if created:
                (parent or find_policy_index()).add_child(instance=page)
            page.save_revision().publish()
            page.refresh_from_db()

    return ImportResult(
        page=page,
        created=created,
        changed=changed,
        chapters=len(parsed.chapters),
        articles=len(parsed.articles),
        annexes=len(parsed.annexes),
    )


def _annex(existing: PolicyAnnex | None, number: int, title: str, order: int) -> PolicyAnnex:
    """Keep an annex's uploaded file when its number is unchanged."""
    annex = existing or PolicyAnnex(number=number)
    annex.title = title
    annex.sort_order = order
    return annex
