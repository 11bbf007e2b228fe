"""Demo pages from the JSON files in cms_pages/data/demo/ (written by the content helper), and for each demo
centre its unit (Organisation). The Centre records are not written here: portal.demo_centres produces them
through the real actions, and a centre's page follows its record (status, establishment date, R-27)."""

import re
from datetime import date

from accounts.constants import LegalStatus
from accounts.models import Organisation, validate_credit_code
from cms_pages.demo.upsert import PageSpec, paragraphs, read_items, upsert_page
from cms_pages.models import (
    AchievementPage,
    AchievementType,
    CentrePage,
    KnowledgeArticlePage,
    KnowledgeCategory,
    NewsPage,
    ServiceGuidePage,
)
from services.centres.constants import CentreStatus
from services.centres.models import Centre
from services.reference.models import District, KeyField

NUMBERED = re.compile(r"^\s*[0-9０-９]+\s*[.．、)）]\s*")


def unnumbered(text: str) -> str:
    """A list item without a leading "1. " or "1、": the page's <ol> numbers it once."""
    return NUMBERED.sub("", text, count=1)


class DemoDataError(ValueError):
    """A demo data file has a value the portal cannot accept; the message names the file, item and field."""


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _choice(choices, value, where: str):
    if value not in choices.values:
        raise DemoDataError(f"{where}：不支持的取值 {value!r}，可选 {', '.join(choices.values)}")
    return value


def _key_field(name: str, where: str) -> KeyField:
    try:
        return KeyField.objects.get(name=name)
    except KeyField.DoesNotExist as exc:
        raise DemoDataError(f"{where}：未知的重点领域 {name!r}") from exc


def load_centres(index, progress) -> dict[str, CentrePage]:
    items = read_items("centres")
    pages = {}
    for done, item in enumerate(items, start=1):
        where = f"centres.json {item['slug']}"
        validate_credit_code(item["credit_code"])
        district = District.objects.get(code=item["district_code"])
        key_fields = [_key_field(name, where) for name in item["key_fields"]]
        _choice(CentreStatus, item["status"], where)

        organisation, _ = Organisation.objects.update_or_create(
            credit_code=item["credit_code"],
            defaults={
                "name": item["unit_name"],
                "unit_type": item["unit_type"],
                "legal_status": LegalStatus.INDEPENDENT,
                "address": f"天津市{district.name}（演示地址）",
                "district": district,
            },
        )
        # The live record of this unit and name, once portal.demo_centres has produced it (a revoked or
        # cancelled one of the same name may sit beside it: the newest counts).
        centre = Centre.objects.filter(organisation=organisation, name=item["name"]).order_by("-pk").first()
        status = centre.status if centre else CentreStatus.CONSTRUCTING
        established_on = centre.established_on if centre else None

        page, _, _ = upsert_page(
            index,
            PageSpec(
                CentrePage,
                item["slug"],
                {
                    "title": item["name"],
                    "centre": centre,
                    "unit_name": item["unit_name"],
                    "district": district,
                    "status": status,
                    "established_on": established_on,
                    "contact_name": item.get("contact_name", ""),
                    "contact_phone": item.get("contact_phone", ""),
                    "contact_email": item.get("contact_email", ""),
                    "summary": item.get("summary", ""),
                    "body": paragraphs(item.get("body", [])),
                    "is_demo": True,
                },
                m2m={"key_fields": key_fields},
                # a public profile only once the centre is established (a revoked one keeps its page, R-35).
                live=status in (CentreStatus.ESTABLISHED, CentreStatus.REVOKED),
            ),
        )
        pages[item["slug"]] = page
        progress.count(done, len(items), f"中心 {item['name']}")
    return pages


def load_achievements(index, centre_pages, progress) -> None:
    items = read_items("achievements")
    for done, item in enumerate(items, start=1):
        where = f"achievements.json {item['slug']}"
        centre_page = centre_pages.get(item.get("centre_slug") or "")
        if item.get("centre_slug") and centre_page is None:
            raise DemoDataError(f"{where}：centre_slug {item['centre_slug']!r} 不在 centres.json 中")
        upsert_page(
            index,
            PageSpec(
                AchievementPage,
                item["slug"],
                {
                    "title": item["title"],
                    "achievement_type": _choice(AchievementType, item["type"], where),
                    "centre_page": centre_page,
                    "key_field": _key_field(item["key_field"], where),
                    "year": int(item["year"]),
                    "abstract": item["abstract"],
                    "body": paragraphs(item.get("body", [])),
                    "is_demo": True,
                },
            ),
        )
        progress.count(done, len(items), f"成果 {item['title']}")


def load_knowledge(index, progress) -> None:
    items = read_items("knowledge")
    for done, item in enumerate(items, start=1):
        where = f"knowledge.json {item['slug']}"
        upsert_page(
            index,
            PageSpec(
                KnowledgeArticlePage,
                item["slug"],
                {
                    "title": item["title"],
                    "category": _choice(KnowledgeCategory, item["category"], where),
                    "summary": item.get("summary", ""),
                    "body": paragraphs(item.get("body", [])),
                    "is_demo": True,
                },
                tags=list(item.get("tags", [])),
            ),
        )
        progress.count(done, len(items), f"知识 {item['title']}")


def load_news(index, sections, progress) -> None:
    """News go to the news column, or to a district section when the item names a `district_code`."""
    items = read_items("news")
    for done, item in enumerate(items, start=1):
        parent = sections.get(item.get("district_code") or "", index)
        upsert_page(
            parent,
            PageSpec(
                NewsPage,
                item["slug"],
                {
                    "title": item["title"],
                    "date": _date(item["date"]),
                    "source": item.get("source", ""),
                    "summary": item.get("summary", ""),
                    "body": paragraphs(item.get("body", [])),
                    "is_demo": True,
                },
            ),
        )
        progress.count(done, len(items), f"动态 {item['title']}")


def load_guides(index, progress) -> None:
    items = read_items("guides")
    for done, item in enumerate(items, start=1):
        upsert_page(
            index,
            PageSpec(
                ServiceGuidePage,
                item["slug"],
                {
                    "title": item["title"],
                    "item_name": item["item_name"],
                    "legal_basis": item["legal_basis"],
                    "scope": item["scope"],
                    "item_code": item.get("item_code", ""),
                    "case_type": item.get("case_type", "承诺件"),
                    "result_name": item.get("result_name", ""),
                    "onsite_visits": int(item.get("onsite_visits", 0)),
                    # the page numbers the lists (<ol>): the texts carry no numbers of their own
                    "conditions": [
                        {"type": "condition", "value": unnumbered(text)}
                        for text in item.get("conditions", [])
                    ],
                    "materials": [
                        {
                            "type": "material",
                            "value": {
                                "name": material["name"],
                                "form": material.get("form", "电子"),
                                "copies": int(material.get("copies", 1)),
                                "note": material.get("note", ""),
                            },
                        }
                        for material in item.get("materials", [])
                    ],
                    "process": [
                        {"type": "step", "value": unnumbered(text)} for text in item.get("process", [])
                    ],
                    "time_limit": item["time_limit"],
                    "fees": item.get("fees", "不收费"),
                    "agency_name": item["agency_name"],
                    "agency_address": item.get("agency_address", ""),
                    "agency_phone": item.get("agency_phone", ""),
                    "consultation": item.get("consultation", ""),
                    "complaint": item.get("complaint", ""),
                    "online_path": item.get("online_path", ""),
                    "service": item.get("service", ""),
                    "faq": [
                        {"type": "qa", "value": {"q": qa["q"], "a": qa["a"]}} for qa in item.get("faq", [])
                    ],
                    "is_demo": True,
                },
                children={"forms": [{"title": name} for name in item.get("forms", [])]},
            ),
        )
        progress.count(done, len(items), f"办事指南 {item['title']}")
