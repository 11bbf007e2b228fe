"""How the loopback stand-in (tests/search/es_standin.py) answers queries: matching, sorting, source
filtering, aggregations and completion suggestions, for the subset of the query DSL the portal sends. It
does not analyse text: a text query matches a document whose field holds the query as a substring, and
every hit scores 1.0. A query type outside the subset is refused with 400, as Elasticsearch refuses an
unknown query.
"""


class EsError(Exception):
    def __init__(self, status: int, type_: str, reason: str, index: str | None = None):
        super().__init__(reason)
        self.status, self.type, self.reason, self.index = status, type_, reason, index

    def body(self) -> dict:
        cause = {"type": self.type, "reason": self.reason}
        if self.index:
            cause["index"] = self.index
        return {"error": {**cause, "root_cause": [cause]}, "status": self.status}


def _field(source: dict, name: str):
    value = source
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _contains(source: dict, fields: list[str], text: str) -> bool:
    for name in fields:
        value = _field(source, name.split("^", 1)[0])
        if isinstance(value, str) and text.lower() in value.lower():
            return True
    return False


def matches(doc_id: str, source: dict, query: dict) -> bool:
    """Whether a document matches a query container (the subset the portal sends)."""
    ((kind, spec),) = query.items()
    if kind == "match_all":
        return True
    if kind == "match_none":
        return False
    if kind == "ids":
        return doc_id in spec["values"]
    if kind == "terms":
        ((name, values),) = [(k, v) for k, v in spec.items() if k not in ("boost", "_name")]
        return _field(source, name) in values
    if kind == "term":
        ((name, value),) = spec.items()
        value = value["value"] if isinstance(value, dict) else value
        return _field(source, name) == value
    if kind == "multi_match":
        return _contains(source, spec.get("fields", ["*"]), spec["query"])
    if kind == "match_phrase":
        ((name, value),) = spec.items()
        return _contains(source, [name], value["query"] if isinstance(value, dict) else value)
    if kind == "bool":

        def clauses(key):
            value = spec.get(key, [])
            return value if isinstance(value, list) else [value]

        required = clauses("must") + clauses("filter")
        if not all(matches(doc_id, source, q) for q in required):
            return False
        if any(matches(doc_id, source, q) for q in clauses("must_not")):
            return False
        should = clauses("should")
        return bool(required) or not should or any(matches(doc_id, source, q) for q in should)
    raise EsError(400, "parsing_exception", f"unknown query [{kind}]")


def answer_search(docs: list, body: dict, seq_of, with_seq: bool) -> dict:
    """The answer to a search over `docs` ((index, id, source) triples): hits, aggregations, suggestions."""
    query = body.get("query", {"match_all": {}})
    matched = [d for d in docs if matches(d[1], d[2], query)]
    response = {"took": 1, "timed_out": False}
    if "suggest" in body:
        response["suggest"] = _suggest(docs, body["suggest"])
    shown = [d for d in matched if not body.get("post_filter") or matches(d[1], d[2], body["post_filter"])]
    shown, sort_field = _sorted(shown, body)
    start = int(body.get("from", 0))
    size = int(body.get("size", 10))
    hits = []
    for name, doc_id, source in shown[start : start + size]:
        hit = {
            "_index": name,
            "_id": doc_id,
            "_score": 1.0,
            "_source": _filtered_source(source, body.get("_source", True)),
        }
        if with_seq:
            hit.update(_seq_no=seq_of(name, doc_id), _primary_term=1)
        if sort_field:
            hit["sort"] = [_field(source, sort_field)]
        hits.append(hit)
    response["hits"] = {
        "total": {"value": len(shown), "relation": "eq"},
        "max_score": 1.0 if hits else None,
        "hits": hits,
    }
    if body.get("aggs"):
        response["aggregations"] = _aggregate(matched, body["aggs"])
    return response


def _suggest(docs, spec: dict) -> dict:
    out = {}
    for name, entry in spec.items():
        prefix = entry["prefix"]
        options, seen = [], set()
        for index, doc_id, source in docs:
            for text in (source.get("suggest") or {}).get("input", []):
                if text.lower().startswith(prefix.lower()) and text not in seen:
                    seen.add(text) if entry["completion"].get("skip_duplicates") else None
                    options.append({"text": text, "_index": index, "_id": doc_id, "_score": 1.0})
        size = entry["completion"].get("size", 5)
        out[name] = [{"text": prefix, "offset": 0, "length": len(prefix), "options": options[:size]}]
    return out


def _sorted(docs: list, body: dict):
    """Docs in the order of a one-field sort (`[{"page_id": "asc"}]`), after `search_after`; other sorts
    (by `_score`, which the stand-in does not compute) keep the stored order."""
    sort = body.get("sort")
    if not (isinstance(sort, list) and len(sort) == 1 and isinstance(sort[0], dict)):
        return docs, None
    ((name, spec),) = sort[0].items()
    order = spec if isinstance(spec, str) else spec.get("order", "asc")
    present = [d for d in docs if _field(d[2], name) is not None]
    present.sort(key=lambda d: _field(d[2], name), reverse=order == "desc")
    if body.get("search_after"):
        (after,) = body["search_after"]
        present = [d for d in present if (_field(d[2], name) > after) == (order == "asc")]
    return present, name


def _filtered_source(source: dict, spec):
    if spec is False:
        return {}
    excludes = spec.get("excludes", []) if isinstance(spec, dict) else []
    includes = spec if isinstance(spec, list) else []
    return {k: v for k, v in source.items() if k not in excludes and (not includes or k in includes)}


def _aggregate(docs, aggs: dict) -> dict:
    out = {}
    for name, spec in aggs.items():
        sub = spec.get("aggs", {})
        if "filter" in spec:
            kept = [d for d in docs if matches(d[1], d[2], spec["filter"])]
            out[name] = {"doc_count": len(kept), **_aggregate(kept, sub)}
        elif "terms" in spec:
            counts: dict = {}
            for _, _, source in docs:
                value = _field(source, spec["terms"]["field"])
                if value not in (None, ""):
                    counts[value] = counts.get(value, 0) + 1
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            size = spec["terms"].get("size", 10)
            out[name] = {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": sum(c for _, c in ordered[size:]),
                "buckets": [{"key": k, "doc_count": c} for k, c in ordered[:size]],
            }
    return out


def delete_by_query_answer(deleted: int) -> dict:
    return {
        "took": 1,
        "timed_out": False,
        "total": deleted,
        "deleted": deleted,
        "batches": 1,
        "version_conflicts": 0,
        "noops": 0,
        "retries": {"bulk": 0, "search": 0},
        "throttled_millis": 0,
        "requests_per_second": -1.0,
        "throttled_until_millis": 0,
        "failures": [],
    }
