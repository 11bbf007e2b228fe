"""One behaviour suite for every available search backend (R-44: published outcomes are searchable).

Runs on the database fallback always (SQLite FTS5 or PostgreSQL, whichever DATABASE_URL selects) and on
Elasticsearch when ELASTICSEARCH_URL is set; otherwise the Elasticsearch cases are skipped with the reason.
"""

import pytest

from search.constants import Kind, Sort
from search.query import SearchQuery, parse


def ids(results):
    return [hit.doc_id.split("-", 1)[1] for hit in results.hits]


def run(backend, text="", **kwargs):
    return backend.search(SearchQuery(text=text, **kwargs))


def test_a_chinese_word_inside_a_longer_title_is_found(corpus, backend):
    """R-44: 验收 finds the page titled 计量数据中心验收考核评分细则解读 (no spaces in Chinese)."""
    results = run(backend, "验收")
    assert "acceptance" in ids(results)
    assert ids(results)[0] == "acceptance"


def test_a_multi_word_query_needs_every_word(corpus, backend):
    """R-44: 碳计量 共享清单 finds the carbon catalogue and not documents with only one of the words."""
    results = run(backend, "碳计量共享清单")
    assert ids(results)[0] == "carbon"
    assert "certificate" not in ids(results)
    assert not results.partial_match


def test_synonyms_of_metrology_terms_match(corpus, backend):
    """R-44: a synonym from data/synonyms.txt (电表 = 电能表) finds the document that uses the other term."""
    assert "calibration" in ids(run(backend, "电表"))
    assert "acceptance" in ids(run(backend, "打分"))


def test_title_matches_rank_above_body_matches(corpus, backend):
    """R-44: 验收 in a title outranks 验收 mentioned once in a body."""
    found = ids(run(backend, "验收"))
    assert found.index("acceptance") < found.index("medical")


def test_when_no_document_has_every_word_some_words_are_enough_and_it_is_said(corpus, backend):
    results = run(backend, "校准证书 航空航天")
    assert results.partial_match
    assert ids(results)[0] == "certificate"


def test_facets_count_every_matching_document(corpus, backend):
    results = run(backend, "计量")
    kinds = {f.value: f.count for f in results.facets["kind"]}
    assert kinds[Kind.ACHIEVEMENT] == 3
    districts = {f.value: f.count for f in results.facets["district"]}
    assert districts["西青区"] == 2
    years = {f.value: f.count for f in results.facets["year"]}
    assert years["2025"] >= 1


def test_a_facet_filter_narrows_and_its_own_facet_still_lists_the_alternatives(corpus, backend):
    results = run(backend, "计量", filters={"kind": (Kind.ACHIEVEMENT,)})
    assert results.total == 3
    assert {hit.kind for hit in results.hits} == {Kind.ACHIEVEMENT}
    kind_facet = {f.value: f for f in results.facets["kind"]}
    assert kind_facet[Kind.ACHIEVEMENT].selected
    assert Kind.KNOWLEDGE in kind_facet  # disjunctive: the other kinds stay selectable
    district_values = {f.value for f in results.facets["district"]}
    assert district_values == {"滨海新区", "西青区", "南开区"}


def test_filters_combine_across_facets(corpus, backend):
    results = run(backend, "", filters={"district": ("西青区",), "kind": (Kind.CENTRE,)})
    assert ids(results) == ["centre"]


def test_snippets_mark_the_matched_words_and_escape_html(corpus, backend):
    results = run(backend, "远程校准")
    hit = results.hits[0]
    assert hit.doc_id.endswith("calibration")
    assert "<mark>" in hit.snippet
    assert "<mark>" in hit.title_highlighted
    assert "<script>" not in hit.snippet and "<script>" not in hit.title_highlighted


def test_html_in_the_body_is_escaped_in_snippets(corpus, backend):
    results = run(backend, "alert")
    for hit in results.hits:
        assert "<script>" not in hit.snippet


def test_pages_do_not_overlap_and_the_total_is_stable(corpus, backend):
    first = run(backend, "计量", page=1, page_size=2)
    second = run(backend, "计量", page=2, page_size=2)
    assert first.total == second.total >= 4
    assert len(first.hits) == 2
    assert not set(ids(first)) & set(ids(second))
    assert first.has_next and second.has_previous


def test_sort_by_date(corpus, backend):
    newest = run(backend, "计量", sort=Sort.NEWEST)
    dates = [hit.date for hit in newest.hits]
    assert dates == sorted(dates, reverse=True)
    oldest = run(backend, "计量", sort=Sort.OLDEST)
    assert [hit.date for hit in oldest.hits] == sorted(dates)


def test_an_empty_query_with_a_filter_lists_the_filtered_documents_newest_first(corpus, backend):
    results = run(backend, "", filters={"kind": (Kind.KNOWLEDGE,)})
    assert ids(results) == ["acceptance", "certificate"]


def test_zero_results_offer_suggestions_and_correct_common_misspellings(corpus, backend):
    results = run(backend, "较准证收")
    assert results.total == 0
    assert results.did_you_mean == "校准证书"
    assert results.suggestions


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE search_searchentry; --",
        '" OR 1=1 --',
        "<script>alert('x')</script>",
        'title:验收 AND body:"考核" NEAR(a b) * ^ - ( ) { } [ ]',
        "验收 OR",
        "\"\"\"''' *",
        "NOT AND OR",
        "验收" * 50,
    ],
)
def test_query_syntax_and_injection_fragments_are_plain_text(corpus, backend, text):
    """Bad input: a normal result page, never an error, and the table is untouched."""
    parsed = parse({"q": text})
    results = backend.search(parsed.query)
    assert results.total >= 0
    assert run(backend, "验收").total >= 1


def test_index_replaces_and_delete_removes(corpus, backend):
    record = corpus["certificate"]
    record.title = "数字校准证书共享平台"
    backend.index([record])
    assert ids(run(backend, "共享平台")) == ["certificate"]
    backend.delete([record.doc_id])
    assert "certificate" not in ids(run(backend, "校准证书"))


def test_delete_page_removes_every_record_of_the_page(corpus, backend):
    record = corpus["acceptance"]
    backend.delete_page(record.page_id)
    assert "acceptance" not in ids(run(backend, "验收"))


def test_rebuild_replaces_the_whole_index(corpus, backend):
    keep = corpus["carbon"]
    backend.rebuild([keep], 1)
    assert ids(run(backend, "计量")) == ["carbon"]


def test_suggestions_for_the_search_box(corpus, backend):
    suggestions = backend.suggest("电能表", 5)
    assert "电能表远程校准数据集" in suggestions
    assert backend.suggest("", 5) == []
