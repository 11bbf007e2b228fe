"""Fixtures of the search tests: the backends that can run here, and a small corpus indexed into them."""

import datetime
import os

import pytest

from search.constants import Kind
from search.records import IndexRecord

ES_SKIP_REASON = (
    "ELASTICSEARCH_URL is not set: no Elasticsearch server on this machine "
    "(the live-server cases run wherever it is set; the loopback request tests run everywhere)"
)

BACKENDS = [
    "database",
    pytest.param(
        "elasticsearch",
        marks=pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=ES_SKIP_REASON),
    ),
]


def make_backend(name):
    if name == "database":
        from search.backends.database import DatabaseBackend

        return DatabaseBackend()
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"])


@pytest.fixture(params=BACKENDS)
def backend(request, db):
    return make_backend(request.param)


@pytest.fixture
def host_pages(db):
    """Plain Wagtail pages that the records point at (the index keeps a page reference)."""
    from wagtail.models import Page

    root = Page.get_first_root_node()

    def make(n):
        pages = []
        for i in range(n):
            page = Page(title=f"检索测试页 {i}", slug=f"search-test-{i}")
            root.add_child(instance=page)
            pages.append(page)
        return pages

    return make


CORPUS = [
    # (doc suffix, kind, title, body, type, key_field, district, centre, year, date)
    (
        "acceptance",
        Kind.KNOWLEDGE,
        "计量数据中心验收考核评分细则解读",
        "验收考核采取现场审查的方式，专家组按评分标准逐项打分，总分达到七十分以上为通过。",
        "政策解读",
        "",
        "",
        "",
        2025,
        datetime.date(2025, 9, 1),
    ),
    (
        "calibration",
        Kind.ACHIEVEMENT,
        "电能表远程校准数据集",
        "汇集智能电能表远程校准记录与测量不确定度评定结果，支撑电能计量的量值溯源。<script>alert(1)</script>",
        "数据集",
        "新能源",
        "滨海新区",
        "天津市电能计量数据建设应用中心",
        2025,
        datetime.date(2025, 6, 10),
    ),
    (
        "carbon",
        Kind.ACHIEVEMENT,
        "重点用能单位碳计量数据共享清单",
        "面向重点用能单位的碳排放计量数据共享清单，覆盖能源计量器具配备与数据采集。",
        "共享清单",
        "绿色环保",
        "西青区",
        "天津市碳计量数据建设应用中心",
        2024,
        datetime.date(2024, 11, 5),
    ),
    (
        "certificate",
        Kind.KNOWLEDGE,
        "校准证书数字化转型实践",
        "介绍数字校准证书的数据结构、电子签名与共享方式，推动计量数字化转型。",
        "实践案例",
        "",
        "",
        "",
        2024,
        datetime.date(2024, 3, 20),
    ),
    (
        "medical",
        Kind.ACHIEVEMENT,
        "医疗器械计量技术规范研究",
        "研究医用设备的计量技术规范，提出检定与校准的数据要求。正文提到验收一词。",
        "技术规范",
        "医疗卫生",
        "南开区",
        "天津市医疗计量数据建设应用中心",
        2023,
        datetime.date(2023, 5, 2),
    ),
    (
        "centre",
        Kind.CENTRE,
        "天津市碳计量数据建设应用中心",
        "依托单位在西青区，聚焦碳排放计量数据的归集整理与共享应用。",
        "",
        "绿色环保",
        "西青区",
        "天津市碳计量数据建设应用中心",
        2024,
        datetime.date(2024, 1, 15),
    ),
]


def corpus_records(pages) -> list[IndexRecord]:
    """The CORPUS as index records, one per page of `pages` (the index keeps a page reference)."""
    records = []
    for page, row in zip(pages, CORPUS, strict=True):
        suffix, kind, title, body, type_, key_field, district, centre, year, date = row
        records.append(
            IndexRecord(
                doc_id=f"{kind}-{suffix}",
                kind=kind,
                page_id=page.pk,
                title=title,
                body=body,
                url=f"/test/{suffix}/",
                type=type_,
                key_field=key_field,
                district=district,
                centre=centre,
                year=year,
                date=date,
                suggest=[title],
            )
        )
    return records


@pytest.fixture
def corpus(backend, host_pages):
    records = corpus_records(host_pages(len(CORPUS)))
    backend.rebuild(records, len(records))
    return {r.doc_id.split("-", 1)[1]: r for r in records}


@pytest.fixture
def site_tree(db):
    """Home page and the index pages of the searchable kinds, under Wagtail's root."""
    from wagtail.models import Page, Site

    from cms_pages.models import (
        AchievementIndexPage,
        CentreIndexPage,
        HomePage,
        KnowledgeIndexPage,
        PolicyIndexPage,
    )

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="首页", slug="search-home"))
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    tree = {"home": home}
    for key, model, title in [
        ("achievements", AchievementIndexPage, "成果展示"),
        ("knowledge", KnowledgeIndexPage, "知识库"),
        ("centres", CentreIndexPage, "中心名录"),
        ("policies", PolicyIndexPage, "政策文件"),
    ]:
        tree[key] = home.add_child(instance=model(title=title, slug=f"search-{key}"))
    return tree


@pytest.fixture
def publish(site_tree):
    """Create a page under its index and publish it through a revision, as an editor would."""

    def make(parent_key, page, live=True):
        parent = site_tree[parent_key]
        page.live = False
        parent.add_child(instance=page)
        if live:
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def centre_page(publish, districts, key_fields):
    from cms_pages.models import CentrePage

    page = CentrePage(
        title="天津市碳计量数据建设应用中心",
        slug="carbon-centre",
        unit_name="天津市碳计量研究院",
        district=districts["西青区"],
        summary="聚焦碳排放计量数据的归集整理与共享应用。",
    )
    page = publish("centres", page)
    page.key_fields.set([key_fields["绿色环保"]])
    page.save_revision().publish()
    return page


@pytest.fixture
def achievement_page(publish, centre_page, key_fields):
    from cms_pages.models import AchievementPage

    page = AchievementPage(
        title="碳计量标准物质与校准能力共享目录",
        slug="carbon-capability-catalogue",
        achievement_type="catalogue",
        centre_page=centre_page,
        key_field=key_fields["绿色环保"],
        year=2025,
        abstract="目录汇总温室气体标准物质、烟气流量校准等碳计量相关能力，便于重点排放单位验收前自查。",
    )
    return publish("achievements", page)


# --- the loopback Elasticsearch endpoint (tests/search/es_standin.py) ---------------------------------


@pytest.fixture
def standin(settings):
    """A loopback endpoint answering the real `elasticsearch` client; ELASTICSEARCH_URL points at it."""
    from search import backends
    from tests.search.es_standin import StandIn

    server = StandIn().start()
    settings.ELASTICSEARCH_URL = server.url
    backends._state.update(url=None, checked_at=0.0, reachable=False)
    yield server
    server.stop()
    backends._state.update(url=None, checked_at=0.0, reachable=False)


@pytest.fixture
def es(standin):
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(standin.url)


def mapped_fields() -> dict[str, set[str]]:
    from search.backends.es_rebuild import JOURNAL_MAPPINGS
    from search.backends.es_writes import journal_alias
    from search.documents import DOCUMENTS, alias_name

    fields = {
        alias_name(kind): set(doc._doc_type.mapping.to_dict()["properties"])
        for kind, doc in DOCUMENTS.items()
    }
    fields.update({f"{alias}-next": names for alias, names in list(fields.items())})
    fields[journal_alias()] = set(JOURNAL_MAPPINGS["properties"])
    return fields


def assert_conforming(standin, since: int = 0) -> list:
    """Every request the client sent is one Elasticsearch 8 accepts, and keeps the project's write rules:
    bulk writes carry require_alias=true and name an alias, documents hold mapped fields only, and no
    index was ever created by a write."""
    import re

    from tests.search.es_shapes import problems

    requests = standin.requests[since:]
    assert requests, "the operation sent no request"
    found = [p for request in requests for p in problems(request)]
    fields = mapped_fields()
    for request in requests:
        if request.path != "/_bulk":
            continue
        if request.params.get("require_alias") != "true":
            found.append(f"{request.endpoint}: bulk without require_alias=true")
        lines = list(request.body)
        while lines:
            ((op, meta),) = lines.pop(0).items()
            if op == "delete":
                continue
            source = lines.pop(0)
            target = meta.get("_index", "")
            if re.search(r"-\d{20}$", target):
                found.append(f"bulk {op} names the concrete index {target}, not an alias")
            unknown = set(source) - fields.get(target, set())
            if unknown:
                found.append(f"bulk {op} into {target}: unmapped fields {sorted(unknown)}")
    strays = [name for name, index in standin.indices.items() if index.auto_created]
    if strays:
        found.append(f"indices created by a write: {strays}")
    assert not found, "\n".join(found)
    return requests
