"""What is indexed, per kind: the pages to index, their visibility filter, and their records (R-44).

Only live pages without view restrictions (on themselves or an ancestor) are ever indexed. A published
measure (PolicyPage) is indexed one record per article, so a search for 验收考核 lands on 第十三条.
"""

from collections.abc import Iterator

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from search.constants import Kind
from search.records import IndexRecord
from search.text import plain_text

CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 as written in article numbers: 7 -> 七, 13 -> 十三, 20 -> 二十, 34 -> 三十四."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, units = divmod(n, 10)
    if n >= 100:
        return str(n)
    return (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[units] if units else "")


def page_models() -> dict[str, type[Page]]:
    from cms_pages.models import AchievementPage, CentrePage, KnowledgeArticlePage, PolicyPage

    return {
        Kind.ACHIEVEMENT: AchievementPage,
        Kind.KNOWLEDGE: KnowledgeArticlePage,
        Kind.CENTRE: CentrePage,
        Kind.MEASURE: PolicyPage,
    }


def visible(queryset):
    """Live pages outside every view restriction."""
    return queryset.live().public()


def is_visible(page: Page) -> bool:
    if not page.live:
        return False
    return not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def _label(page, name: str) -> str:
    display = getattr(page, f"get_{name}_display", None)
    if callable(display):
        return str(display() or "")
    value = getattr(page, name, None)
    if value is None:
        return ""
    return str(getattr(value, "name", None) or value)


def _date(page):
    when = page.first_published_at or page.last_published_at
    return timezone.localdate(when) if when else None


def _url(page) -> str:
    return page.get_url() or page.url_path


def _centre_facets(centre) -> dict:
    if centre is None:
        return {"district": "", "centre": ""}
    centre = getattr(centre, "specific", centre)
    return {"district": _label(centre, "district"), "centre": centre.title}


def _first_key_field(page) -> str:
    manager = getattr(page, "key_fields", None)
    if manager is None:
        return ""
    first = manager.all().first()
    return first.name if first else ""


def achievement_records(page) -> list[IndexRecord]:
    return [
        IndexRecord(
            doc_id=f"{Kind.ACHIEVEMENT}-{page.pk}",
            kind=Kind.ACHIEVEMENT,
            page_id=page.pk,
            title=page.title,
            body="\n".join(filter(None, [page.abstract, plain_text(page.body)])),
            url=_url(page),
            type=_label(page, "achievement_type"),
            key_field=_label(page, "key_field"),
            year=page.year,
            date=_date(page),
            suggest=[page.title],
            **_centre_facets(page.centre_page),
        )
    ]


def knowledge_records(page) -> list[IndexRecord]:
    tags = " ".join(t.name for t in page.tags.all()) if hasattr(page, "tags") else ""
    return [
        IndexRecord(
            doc_id=f"{Kind.KNOWLEDGE}-{page.pk}",
            kind=Kind.KNOWLEDGE,
            page_id=page.pk,
            title=page.title,
            body="\n".join(filter(None, [page.summary, plain_text(page.body), tags])),
            url=_url(page),
            type=_label(page, "category"),
            key_field=_label(page, "key_field") if hasattr(page, "key_field") else "",
            date=_date(page),
            year=_date(page).year if _date(page) else None,
            suggest=[page.title, *(t.name for t in page.tags.all())]
            if hasattr(page, "tags")
            else [page.title],
        )
    ]


def centre_records(page) -> list[IndexRecord]:
    return [
        IndexRecord(
            doc_id=f"{Kind.CENTRE}-{page.pk}",
            kind=Kind.CENTRE,
            page_id=page.pk,
            title=page.title,
            body="\n".join(filter(None, [page.unit_name, page.summary, plain_text(page.body)])),
            url=_url(page),
            key_field=_first_key_field(page),
            district=_label(page, "district"),
            centre=page.title,
            date=_date(page),
            year=_date(page).year if _date(page) else None,
            suggest=[page.title, page.unit_name],
        )
    ]


def measure_records(page) -> list[IndexRecord]:
    records = []
    url = _url(page)
    when = getattr(page, "issue_date", None) or _date(page)
    for chapter in getattr(page.body, "raw_data", []) or []:
        value = chapter.get("value", {})
        chapter_title = (
            f"第{chinese_number(int(value.get('number') or 0))}章 {value.get('title', '')}".strip()
        )
        for article in value.get("articles", []) or []:
            article_value = article.get("value", article) if isinstance(article, dict) else {}
            number = int(article_value.get("number") or 0)
            if not number:
                continue
            heading = f"第{chinese_number(number)}条"
            records.append(
                IndexRecord(
                    doc_id=f"{Kind.MEASURE}-{page.pk}-{number}",
                    kind=Kind.MEASURE,
                    page_id=page.pk,
                    title=f"{page.title} {heading}",
                    index_title=heading,
                    body=f"{page.title}\n{chapter_title}\n{heading} {article_value.get('text', '')}",
                    url=f"{url}#article-{number}",
                    type=chapter_title,
                    date=when,
                    year=when.year if when else None,
                    suggest=[page.title],
                )
            )
    return records


BUILDERS = {
    Kind.ACHIEVEMENT: achievement_records,
    Kind.KNOWLEDGE: knowledge_records,
    Kind.CENTRE: centre_records,
    Kind.MEASURE: measure_records,
}


def kind_of(page: Page) -> str | None:
    for kind, model in page_models().items():
        if isinstance(page, model):
            return kind
    return None


def records_for_page(page: Page) -> list[IndexRecord]:
    """The records of one page, or [] when the page is not a searchable kind or not visible."""
    page = page.specific
    kind = kind_of(page)
    if kind is None or not is_visible(page):
        return []
    return BUILDERS[kind](page)


def count_records() -> int:
    """How many records a full rebuild writes (one per page, one per article of a measure)."""
    models = page_models()
    total = sum(
        visible(model.objects.all()).count() for kind, model in models.items() if kind != Kind.MEASURE
    )
    for page in visible(models[Kind.MEASURE].objects.all()).specific():
        total += len(measure_records(page))
    return total


def all_records() -> Iterator[IndexRecord]:
    for kind, model in page_models().items():
        for page in visible(model.objects.all()).specific().iterator():
            yield from BUILDERS[kind](page)
