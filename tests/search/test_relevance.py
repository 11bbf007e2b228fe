"""Relevance over the demo content, against judgements made by reading the content (tests/search/judgements.json).

R-44: published outcomes and the knowledge base must be findable; the database fallback must reach
MRR >= 0.9 on the judged queries (issue 14). It reached 0.921 when its relevance sort began scoring a bounded
candidate set (docs/decisions/0135), fell to 0.895 once StreamField bodies were indexed too (decision 0120),
and is back above 0.9 with the title-match boost on PostgreSQL and the lighter body weight of SQLite's bm25
(docs/decisions/0145). Elasticsearch >= 0.8. Loads the demo content once for the module (about a minute)."""

import os

import pytest

from benchmarks.relevance import evaluate, load_judgements
from portal.demo import Progress
from tests.search.conftest import ES_SKIP_REASON


@pytest.fixture
def demo_content(db):
    import cms_pages.demo
    import search.demo

    progress = Progress(lambda line: None)
    cms_pages.demo.run(progress)
    search.demo.run(progress)


def test_the_judged_set_is_large_enough_and_well_formed():
    judgements = load_judgements()
    assert len(judgements) >= 30
    for judgement in judgements:
        assert judgement["query"].strip()
        assert 3 in judgement["relevant"].values(), judgement["query"]
        assert all(
            key.split(":", 1)[0] in {"achievement", "centre", "knowledge", "measure"}
            for key in judgement["relevant"]
        )


def test_database_fallback_reaches_mrr_0_9(demo_content):
    """R-44, issue 14: the fallback ranks the document that should come first at the top for most judged
    queries, on PostgreSQL (ts_rank with the title-match boost) and on SQLite (bm25)."""
    from search.backends.database import DatabaseBackend

    mrr, ndcg, scores = evaluate(DatabaseBackend())
    report = "\n".join(f"{s.reciprocal_rank:.2f} {s.query} -> {s.top}" for s in scores)
    assert mrr >= 0.9, report
    assert ndcg >= 0.7, report


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=ES_SKIP_REASON)
def test_elasticsearch_reaches_mrr_0_8_on_the_same_judgements(demo_content):
    """R-44, and the same relevance on both backends: the judged set run against a live Elasticsearch
    (ELASTICSEARCH_URL), rebuilt from the demo content with the indexed titles the database uses."""
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.sources import all_records, count_records

    backend = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"])
    backend.rebuild(all_records(), count_records())
    mrr, ndcg, scores = evaluate(backend)
    report = "\n".join(f"{s.reciprocal_rank:.2f} {s.query} -> {s.top}" for s in scores)
    assert mrr >= 0.8, report
    assert ndcg >= 0.7, report
