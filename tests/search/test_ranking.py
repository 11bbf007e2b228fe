"""Ranking of the database fallback on PostgreSQL for long bodies: the title-match boost (docs/decisions/0145).

R-44: a published outcome whose title names what was asked for is found first, also when another page (a
centre's, say) mentions the same words in its body. SQLite ranks with bm25 and has no title-match boost: its
ranking is covered by the judged set (test_relevance)."""

import datetime

import pytest
from django.db import connection

from search.backends.database import DatabaseBackend
from search.constants import Kind
from search.query import SearchQuery
from search.records import IndexRecord

FILLER = "中心围绕新能源汽车产业开展计量检测、校准服务和数据归集，面向企业提供技术支撑。"


def record(page, suffix, kind, title, body):
    return IndexRecord(
        doc_id=f"{kind}-{suffix}",
        kind=kind,
        page_id=page.pk,
        title=title,
        body=body,
        url=f"/test/{suffix}/",
        date=datetime.date(2025, 3, 1),
    )


def test_a_title_holding_every_word_outranks_a_body_holding_the_phrase(host_pages):
    """R-44: 动力电池测试数据集 ranks the dataset titled with all its words above a shorter centre page whose
    body holds the phrase once. Without the boost, ts_rank saturates for both, and its length normalization
    and the body phrase boost put the centre page first."""
    if connection.vendor != "postgresql":
        pytest.skip("the title-match boost of the PostgreSQL fallback")
    pages = host_pages(2)
    dataset = record(
        pages[0],
        "dataset",
        Kind.ACHIEVEMENT,
        "动力电池单体充放电测试数据集（第一批）",
        "本数据集汇集动力电池单体在不同温度、倍率下的充放电测试记录，包括电压、电流、温度和容量，"
        "每条记录附测试设备的校准状态和溯源信息，可用于电池一致性分析和寿命评估。" + FILLER * 3,
    )
    centre = record(
        pages[1],
        "centre",
        Kind.CENTRE,
        "天津市新能源汽车动力电池计量数据建设应用中心",
        "中心发布动力电池测试数据集和检测数据共享清单。",
    )
    backend = DatabaseBackend()
    backend.rebuild([centre, dataset], 2)
    hits = backend.search(SearchQuery(text="动力电池测试数据集")).hits
    assert [hit.doc_id for hit in hits] == ["achievement-dataset", "centre-centre"]
