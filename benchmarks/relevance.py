"""Relevance of the public search over the demo content: MRR and nDCG@10 per backend.

    DATABASE_URL=... python benchmarks/relevance.py        (after `manage.py load_demo`)

Judgements are in tests/search/judgements.json (grades 3 = should come first, 2, 1). MRR counts the rank of
the first grade-3 document; nDCG@10 uses every grade. Elasticsearch is measured too when ELASTICSEARCH_URL
is set and reachable.
"""

import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = ROOT / "tests" / "search" / "judgements.json"
CUTOFF = 10


@dataclass
class QueryScore:
    query: str
    reciprocal_rank: float
    ndcg: float
    top: list[str]


def load_judgements() -> list[dict]:
    return json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]


def document_keys(hits) -> list[str]:
    """Hits as judgement keys: <kind>:<page slug>, or measure:<article number>."""
    from wagtail.models import Page

    page_ids = {}
    for hit in hits:
        parts = hit.doc_id.split("-")
        page_ids[hit.doc_id] = int(parts[1])
    slugs = dict(Page.objects.filter(pk__in=page_ids.values()).values_list("pk", "slug"))
    keys = []
    for hit in hits:
        if hit.kind == "measure":
            keys.append(f"measure:{hit.doc_id.rsplit('-', 1)[1]}")
        else:
            keys.append(f"{hit.kind}:{slugs.get(page_ids[hit.doc_id], '?')}")
    return keys


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def score_query(keys: list[str], relevant: dict[str, int]) -> tuple[float, float]:
    reciprocal_rank = 0.0
    for rank, key in enumerate(keys, start=1):
        if relevant.get(key, 0) == 3:
            reciprocal_rank = 1.0 / rank
            break
    ideal = dcg(sorted(relevant.values(), reverse=True)[:CUTOFF])
    actual = dcg([relevant.get(key, 0) for key in keys[:CUTOFF]])
    return reciprocal_rank, (actual / ideal if ideal else 0.0)


def evaluate(backend) -> tuple[float, float, list[QueryScore]]:
    from search.query import SearchQuery

    scores = []
    for judgement in load_judgements():
        results = backend.search(SearchQuery(text=judgement["query"], page_size=CUTOFF, with_facets=False))
        keys = document_keys(results.hits)
        rr, ndcg = score_query(keys, judgement["relevant"])
        scores.append(QueryScore(judgement["query"], rr, ndcg, keys[:3]))
    mrr = sum(s.reciprocal_rank for s in scores) / len(scores)
    ndcg = sum(s.ndcg for s in scores) / len(scores)
    return mrr, ndcg, scores


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from search.backends import database_backend, elasticsearch_backend

    backends = [database_backend()]
    es = elasticsearch_backend()
    if es is not None:
        backends.append(es)
    else:
        print("elasticsearch: not measured (ELASTICSEARCH_URL unset or unreachable)")
    for backend in backends:
        mrr, ndcg, scores = evaluate(backend)
        print(f"\n== {backend.name}: MRR {mrr:.3f}  nDCG@{CUTOFF} {ndcg:.3f}  ({len(scores)} queries)")
        for s in scores:
            flag = "" if s.reciprocal_rank == 1 else "  <--"
            print(f"  RR {s.reciprocal_rank:.2f} nDCG {s.ndcg:.2f}  {s.query}  top: {', '.join(s.top)}{flag}")


if __name__ == "__main__":
    main()
