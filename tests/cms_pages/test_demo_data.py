"""The demo content in cms_pages/data/demo/ (centres, achievements, knowledge base, news, service guides).

These tests need no database: they read the JSON files and check their shape, their facts against the reference
data, and that nobody pads them with templated copies (repeated paragraphs, near-identical documents).
"""

import itertools
import json
import re
from datetime import date
from pathlib import Path

import pytest
from stdnum.cn import uscc

from services.reference.data import DISTRICTS, KEY_FIELDS

DEMO_DIR = Path(__file__).resolve().parents[2] / "cms_pages" / "data" / "demo"
NOTE = "演示数据：单位、人物、数字均为虚构"
FILES = ["centres.json", "achievements.json", "knowledge.json", "news.json", "guides.json"]
DISTRICT_CODES = {code for code, _ in DISTRICTS}
KEY_FIELD_NAMES = {name for _, name, _ in KEY_FIELDS}
ACHIEVEMENT_TYPES = {"catalogue", "dataset", "specification", "patent", "case", "software"}
KNOWLEDGE_CATEGORIES = {"policy", "basics", "governance", "security", "specification", "case", "service"}
UNIT_TYPES = {"metrology", "research", "university", "enterprise", "other"}
MAX_JACCARD = 0.5


def load(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def data():
    return {name.removesuffix(".json"): load(name) for name in FILES}


def documents(data):
    """Every document with a body, as (label, list of paragraphs)."""
    for kind in ("centres", "achievements", "knowledge", "news"):
        for item in data[kind]:
            yield f"{kind}/{item['slug']}", item["body"]


def trigrams(text):
    text = re.sub(r"\s+", "", text)
    return {text[i : i + 3] for i in range(len(text) - 2)}


def cjk_share(text):
    letters = [c for c in text if not c.isspace()]
    return sum("\u4e00" <= c <= "\u9fff" for c in letters) / len(letters)


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("name", FILES)
def test_file_is_an_object_with_note_and_items_in_readable_utf8(name):
    raw = (DEMO_DIR / name).read_text(encoding="utf-8")
    document = json.loads(raw)
    assert document["_note"] == NOTE
    assert isinstance(document["items"], list) and document["items"]
    assert "\\u" not in raw, "write with ensure_ascii=False so the Chinese stays readable"
    assert "lorem" not in raw.lower()


@pytest.mark.parametrize("name", FILES)
def test_slugs_are_unique_and_url_safe(name):
    slugs = [item["slug"] for item in load(name)]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_counts(data):
    centres = data["centres"]
    assert len(centres) >= 7
    assert len({c["district_code"] for c in centres}) >= 5
    assert len(data["achievements"]) >= 40
    assert {a["type"] for a in data["achievements"]} == ACHIEVEMENT_TYPES
    assert len(data["knowledge"]) >= 40
    assert {k["category"] for k in data["knowledge"]} == KNOWLEDGE_CATEGORIES
    assert len(data["news"]) == 8
    assert len(data["guides"]) == 7  # one per service of the service hall (issue 12, item 1)


# ---------------------------------------------------------------- centres


def test_credit_codes_are_valid_and_distinct(data):
    """R-01: every unit's unified social credit code passes the GB 32100-2015 check and is unique."""
    codes = [c["credit_code"] for c in data["centres"]]
    for code in codes:
        assert uscc.is_valid(code), code
        assert code[:2] in {"12", "91"}, code
        assert code[2:6] in {"1200", "1201"}, code
    assert len(codes) == len(set(codes))


def test_institutions_use_category_12_and_enterprises_91(data):
    for centre in data["centres"]:
        expected = "91" if centre["unit_type"] == "enterprise" else "12"
        assert centre["credit_code"][:2] == expected, centre["slug"]


def test_centre_fields(data):
    """R-04: each centre names its district (one of the 16) and key fields from Article 6."""
    statuses = [c["status"] for c in data["centres"]]
    assert statuses.count("constructing") == 1
    assert set(statuses) == {"established", "constructing"}
    names = [c["name"] for c in data["centres"]]
    assert len(names) == len(set(names))
    for centre in data["centres"]:
        assert centre["district_code"] in DISTRICT_CODES
        assert centre["key_fields"] and set(centre["key_fields"]) <= KEY_FIELD_NAMES
        assert centre["unit_type"] in UNIT_TYPES
        assert centre["name"].startswith("天津市") and centre["name"].endswith("计量数据建设应用中心")
        if centre["status"] == "constructing":
            assert centre["established_on"] is None
        else:
            assert date(2025, 8, 1) < date.fromisoformat(centre["established_on"]) < date(2026, 11, 27)
        assert re.fullmatch(r"022-\d{8}", centre["contact_phone"])
        assert centre["contact_email"].endswith(".example.cn")
        assert 60 <= len(centre["summary"]) <= 120, centre["slug"]
        assert 3 <= len(centre["body"]) <= 5


# ---------------------------------------------------------------- achievements and knowledge


def test_achievements(data):
    """R-44: published outcomes (catalogues, datasets, specifications, patents, cases, software) per centre."""
    centre_slugs = {c["slug"] for c in data["centres"]}
    for item in data["achievements"]:
        assert item["centre_slug"] in centre_slugs, item["slug"]
        assert item["type"] in ACHIEVEMENT_TYPES
        assert item["key_field"] in KEY_FIELD_NAMES
        assert 2024 <= item["year"] <= 2026
        assert 80 <= len(item["abstract"]) <= 200, item["slug"]
        assert 2 <= len(item["body"]) <= 4, item["slug"]
    used = {item["centre_slug"] for item in data["achievements"]}
    assert used == centre_slugs, "every centre has achievements"
    assert {item["year"] for item in data["achievements"]} == {2024, 2025, 2026}


def test_knowledge_articles(data):
    """R-44: the knowledge base (Article 7(6)) is categorised, tagged and summarised."""
    for item in data["knowledge"]:
        assert item["category"] in KNOWLEDGE_CATEGORIES
        assert 2 <= len(item["tags"]) <= 5 and len(set(item["tags"])) == len(item["tags"])
        assert 50 <= len(item["summary"]) <= 120, item["slug"]
        assert 3 <= len(item["body"]) <= 5, item["slug"]


def test_news(data):
    dates = [date.fromisoformat(n["date"]) for n in data["news"]]
    assert all(date(2025, 8, 1) <= d <= date(2026, 11, 30) for d in dates)
    for item in data["news"]:
        assert item["title"] and item["source"] and item["summary"]
        assert item.get("district_code", "120101") in DISTRICT_CODES, "optional district section must exist"
        assert 2 <= len(item["body"]) <= 4


# ---------------------------------------------------------------- guides


def test_guides(data):
    guides = {g["slug"]: g for g in data["guides"]}
    # Every guide starts its own service (issue 12, item 1), and each service has its guide.
    from services.reference.applicant_services import Service

    assert sorted(g["service"] for g in guides.values()) == sorted(Service.values)
    assert not any(g.get("online_path") for g in guides.values()), (
        "the service's start page, not a typed path"
    )
    for guide in guides.values():
        assert re.fullmatch(r"\d+个工作日", guide["time_limit"])
        assert any("设计值" in faq["a"] for faq in guide["faq"]), "time limits are marked as design values"
        assert guide["fees"] == "不收费"
        assert guide["agency_name"].startswith("天津市市场监督管理委员会")
        assert re.fullmatch(r"022-\d{8}", guide["agency_phone"])
        assert "第" in guide["legal_basis"] and "条" in guide["legal_basis"]
        assert 3 <= len(guide["faq"]) <= 5
        assert guide["conditions"] and guide["process"] and guide["forms"] and guide["scope"]
        for material in guide["materials"]:
            assert material["form"] in {"原件", "复印件", "电子"}
            assert isinstance(material["copies"], int) and material["copies"] >= 1
            assert material["name"]
        for step in guide["process"]:  # the page's <ol> numbers the steps once ("1. 1." otherwise)
            assert not re.match(r"\d+\s*[.、]", step), step
        assert guide["item_code"] and guide["result_name"] and guide["case_type"] in ("承诺件", "即办件")
        assert isinstance(guide["onsite_visits"], int) and guide["onsite_visits"] >= 0


def test_construction_guide_lists_the_six_conditions_of_article_8(data):
    """R-02: the construction guide lists the six conditions of Article 8 (numbered by the page's list)."""
    guide = next(g for g in data["guides"] if g["service"] == "construction")
    assert len(guide["conditions"]) == 6
    for condition in guide["conditions"]:
        assert not re.match(r"\d+\s*[.、]", condition), condition
    assert "独立法人" in guide["conditions"][0]
    assert "3年内没有违法行为" in guide["conditions"][5]
    assert any("附件1" in form for form in guide["forms"])


# ---------------------------------------------------------------- no padding


def test_texts_are_written_in_chinese(data):
    for label, body in documents(data):
        assert cjk_share("".join(body)) > 0.6, label


def test_no_body_paragraph_is_repeated_anywhere(data):
    seen = {}
    for label, body in documents(data):
        for paragraph in body:
            key = re.sub(r"\s+", "", paragraph)
            assert len(key) >= 20, f"{label}: paragraph too short to be real text"
            assert key not in seen, f"{label} repeats a paragraph of {seen.get(key)}"
            seen[key] = label


def test_no_two_documents_are_near_copies(data):
    grams = [(label, trigrams("".join(body))) for label, body in documents(data)]
    worst = (0.0, None, None)
    for (label_a, a), (label_b, b) in itertools.combinations(grams, 2):
        similarity = len(a & b) / len(a | b)
        if similarity > worst[0]:
            worst = (similarity, label_a, label_b)
    assert worst[0] < MAX_JACCARD, f"{worst[1]} and {worst[2]} are {worst[0]:.2f} similar"


# ---------------------------------------------------------------- search topics


SEARCH_TOPICS = [
    ("能源计量数据共享",),
    ("验收考核", "评分"),
    ("碳计量",),
    ("校准证书数字化",),
    ("智能电能表",),
    ("医疗器械计量",),
    ("动力电池",),
    ("数据安全等级保护",),
    ("年度", "报告"),
    ("延期验收",),
    ("计量数据溯源",),
    ("水表", "贸易结算"),
]


@pytest.mark.parametrize("terms", SEARCH_TOPICS, ids=lambda terms: " ".join(terms))
def test_realistic_searches_have_a_document_with_the_terms_in_its_title_or_tags(data, terms):
    """A realistic search finds at least one document that names the topic in its title or tags."""
    hits = []
    for kind in ("achievements", "knowledge", "news", "guides"):
        for item in data[kind]:
            heading = item["title"] + " ".join(item.get("tags", []))
            if all(term in heading for term in terms):
                hits.append(f"{kind}/{item['slug']}")
    assert hits, terms
