"""Bad input is bounded before any backend sees it; an unreachable Elasticsearch fails over to the database."""

import logging

import pytest

from search.constants import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH
from search.highlight import highlight_title, snippet
from search.query import parse
from search.segmentation import query_terms, segment_for_index, words
from search.suggestions import did_you_mean


def test_a_10000_character_query_is_cut_and_the_user_told():
    parsed = parse({"q": "计量" * 5000})
    assert len(parsed.query.text) == MAX_QUERY_LENGTH
    assert parsed.truncated
    assert any("截取" in m for m in parsed.messages)


def test_page_and_page_size_are_capped():
    parsed = parse({"q": "x", "page": "100000000", "page_size": "99999"})
    assert parsed.query.page == MAX_PAGE
    assert parsed.query.page_size == MAX_PAGE_SIZE
    assert set(parsed.errors) == {"page", "page_size"}


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1e9", "1;DROP"])
def test_bad_page_numbers_fall_back_to_the_first_page(page):
    parsed = parse({"q": "x", "page": page})
    assert parsed.query.page == 1
    assert "page" in parsed.errors


def test_unknown_sort_and_invalid_facet_values_are_ignored_with_a_message():
    parsed = parse(
        {"q": "x", "sort": "price", "kind": ["achievement", "bogus"], "district": ["<script>", "西青区"]},
        {"district": {"西青区"}},
    )
    assert parsed.query.sort == "relevance"
    assert parsed.query.filters == {"kind": ("achievement",), "district": ("西青区",)}
    assert {"sort", "kind", "district"} <= set(parsed.errors)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in parsed.errors.values())


def test_control_characters_and_spaces_are_normalised():
    assert parse({"q": " 验收\x00\t考核\n "}).query.text == "验收 考核"


def test_query_words_drop_punctuation_and_stopwords():
    assert words("计量数据中心如何申请筹建？") == ["计量数据中心", "申请", "筹建"]
    assert [t.word for t in query_terms("'; DROP TABLE x; --")] == ["drop", "table", "x"]


def test_indexed_text_contains_every_dictionary_word():
    tokens = segment_for_index("重点用能单位碳计量数据共享清单").split()
    assert {"碳计量", "计量数据", "共享清单", "数据共享", "计量"} <= set(tokens)


def test_synonyms_expand_query_words():
    (term,) = query_terms("电表")
    assert ("电能表",) in term.alternatives and ("智能电表",) in term.alternatives


def test_misspellings_are_corrected():
    assert did_you_mean("较准证收") == "校准证书"
    assert did_you_mean("记量数据") == "计量数据"
    assert did_you_mean("校准证书") == ""


def test_highlighting_escapes_before_marking():
    html = snippet("<b>验收</b> & 考核", ["验收"])
    assert html == "&lt;b&gt;<mark>验收</mark>&lt;/b&gt; &amp; 考核"
    assert highlight_title("a<b", []) == "a&lt;b"


def test_snippet_window_centres_on_the_matches():
    body = "无关内容。" * 100 + "这里说明验收考核的评分办法。" + "其他内容。" * 100
    html = snippet(body, ["验收", "评分"])
    assert "<mark>验收</mark>" in html and "<mark>评分</mark>" in html
    assert html.startswith("…") and html.endswith("…")


def test_an_unreachable_elasticsearch_fails_over_to_the_database_and_logs_it(settings, db, caplog):
    """The portal keeps serving search when Elasticsearch is down (a closed local port, not a fake)."""
    from search import backends
    from search.backends.database import DatabaseBackend

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    backends._state.update(url=None, checked_at=0.0, reachable=False)
    with caplog.at_level(logging.WARNING, logger="search.failover"):
        backend = backends.get_backend()
        results = backends.run_search(parse({"q": "验收"}).query)
    assert isinstance(backend, DatabaseBackend)
    assert results.backend == "database"
    assert any("fails over to the database" in r.getMessage() for r in caplog.records)
    backends._state.update(url=None, checked_at=0.0, reachable=False)


def test_without_elasticsearch_url_the_database_serves(settings, db):
    from search import backends
    from search.backends.database import DatabaseBackend

    settings.ELASTICSEARCH_URL = ""
    assert isinstance(backends.get_backend(), DatabaseBackend)
    assert [b.name for b in backends.indexing_backends()] == ["database"]
