"""A loopback HTTP endpoint that answers the `elasticsearch` client as an Elasticsearch 8 node does, for tests.

Test code only, never used by the portal. It exists to record what the real client sends (`requests`)
so that the tests can check every request against the shapes Elasticsearch 8 accepts
(`tests/search/es_shapes.py`), and to answer with the status codes, error bodies and product header
(`X-Elastic-Product: Elasticsearch`) a node returns, so that the backend's error handling meets real client
exceptions. It keeps indices, aliases and documents in memory and follows Elasticsearch's write rules
(auto-creating an index on a write without `require_alias`, 404 with it, 409 on a `create` of an existing
id, atomic alias actions). It does not analyse text: a text query matches a document whose field holds the
query as a substring, and hits are not scored. Relevance is tested on a live server (ELASTICSEARCH_URL).

`fail_when(predicate, mode)` makes matching requests fail: `mode="drop"` closes the connection without an
answer (a server going away), an integer answers with that HTTP status, a float waits that many seconds
before answering (a timeout). `before(predicate, action)` runs `action(request)` before a matching request
is answered, outside the lock, so the action may itself call the server (a write landing mid-rebuild).
"""

import fnmatch
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

CONTENT_TYPE = "application/vnd.elasticsearch+json;compatible-with=8"
INFO = {
    "name": "loopback",
    "cluster_name": "portal-tests",
    "cluster_uuid": "loopback-cluster",
    "version": {
        "number": "8.19.3",
        "build_flavor": "default",
        "build_type": "docker",
        "lucene_version": "9.12.2",
        "minimum_wire_compatibility_version": "7.17.0",
        "minimum_index_compatibility_version": "7.0.0",
    },
    "tagline": "You Know, for Search",
}


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: object = None  # parsed JSON, or a list of parsed lines for NDJSON

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class Index:
    name: str
    settings: dict = field(default_factory=dict)
    mappings: dict = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    docs: dict[str, dict] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)
    auto_created: bool = False


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


class StandIn:
    def __init__(self):
        self.indices: dict[str, Index] = {}
        self.requests: list[Recorded] = []
        self.failures: list[tuple] = []
        self.hooks: list[tuple] = []
        self.lock = threading.RLock()
        self._ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.standin = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "StandIn":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- test controls ---------------------------------------------------------------------------

    def fail_when(self, predicate, mode="drop") -> None:
        self.failures.append((predicate, mode))

    def before(self, predicate, action) -> None:
        self.hooks.append((predicate, action))

    def recover(self) -> None:
        self.failures.clear()

    def aliases(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for index in self.indices.values():
            for alias in index.aliases:
                out.setdefault(alias, []).append(index.name)
        return out

    def docs(self, name: str) -> dict[str, dict]:
        """The documents behind an index or alias name."""
        found = {}
        for index in self.resolve(name):
            found.update(self.indices[index].docs)
        return found

    # --- names -----------------------------------------------------------------------------------

    def resolve(self, expression: str, ignore_unavailable=False, allow_no_indices=True) -> list[str]:
        names: list[str] = []
        for part in [p for p in expression.split(",") if p]:
            if part in ("_all", "*"):
                names += list(self.indices)
                continue
            matched = [n for n in self.indices if fnmatch.fnmatchcase(n, part)]
            matched += [
                i.name for i in self.indices.values() if any(fnmatch.fnmatchcase(a, part) for a in i.aliases)
            ]
            if not matched and "*" not in part and not ignore_unavailable:
                raise EsError(404, "index_not_found_exception", f"no such index [{part}]", part)
            names += [n for n in matched if n not in names]
        if not names and not allow_no_indices:
            raise EsError(404, "index_not_found_exception", f"no such index [{expression}]", expression)
        return names

    def _write_target(self, name: str, require_alias: bool) -> str:
        holders = [i.name for i in self.indices.values() if name in i.aliases]
        if holders:
            if len(holders) > 1:
                raise EsError(400, "illegal_argument_exception", f"alias [{name}] has more than one index")
            return holders[0]
        if require_alias:
            raise EsError(
                404,
                "index_not_found_exception",
                f"no such index [{name}] and [require_alias] request flag is [true] and [{name}] is not an alias",
                name,
            )
        if name not in self.indices:
            self.indices[name] = Index(name=name, auto_created=True)
        return name

    # --- endpoints -------------------------------------------------------------------------------

    def dispatch(self, req: Recorded):
        parts = [unquote(p) for p in req.path.strip("/").split("/") if p]
        flag = lambda name: req.params.get(name) == "true"  # noqa: E731
        m = req.method
        if not parts:
            return 200, (INFO if m == "GET" else None)
        if parts == ["_bulk"] and m in ("POST", "PUT"):
            return 200, self.bulk(req.body or [], flag("require_alias"))
        if parts == ["_aliases"] and m == "POST":
            return 200, self.update_aliases(req.body["actions"])
        if parts[0] == "_alias" and len(parts) == 2 and m in ("GET", "HEAD"):
            return self.get_alias_by_name(parts[1])
        index = parts[0]
        if len(parts) == 1:
            if m == "PUT":
                return 200, self.create(index, req.body or {})
            if m == "HEAD":
                return (200 if self.resolve(index, True, False) else 404), None
            if m == "DELETE":
                return 200, self.delete_index(index, flag("ignore_unavailable"))
        action = parts[1]
        if action == "_alias" and m in ("GET", "HEAD"):
            names = self.resolve(index, flag("ignore_unavailable"), True)
            return 200, {n: {"aliases": {a: {} for a in self.indices[n].aliases}} for n in names}
        if action == "_refresh":
            self.resolve(index, flag("ignore_unavailable"))
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if action == "_search" and m in ("GET", "POST"):
            return 200, self.search(index, req.body or {}, req.params)
        if action == "_delete_by_query" and m == "POST":
            names = self.resolve(
                index, flag("ignore_unavailable"), req.params.get("allow_no_indices") != "false"
            )
            return 200, self.delete_by_query(names, req.body["query"])
        raise EsError(400, "illegal_argument_exception", f"no handler for [{m} /{'/'.join(parts)}]")

    def create(self, name: str, body: dict) -> dict:
        if name in self.indices:
            raise EsError(400, "resource_already_exists_exception", f"index [{name}] already exists", name)
        if name in self.aliases():
            raise EsError(400, "invalid_index_name_exception", f"[{name}] already exists as alias", name)
        if name != name.lower() or name.startswith(("-", "_", "+")):
            raise EsError(400, "invalid_index_name_exception", f"invalid index name [{name}]", name)
        self.indices[name] = Index(
            name=name,
            settings=body.get("settings", {}),
            mappings=body.get("mappings", {}),
            aliases=set(body.get("aliases", {})),
        )
        return {"acknowledged": True, "shards_acknowledged": True, "index": name}

    def delete_index(self, expression: str, ignore_unavailable: bool) -> dict:
        for part in expression.split(","):
            if part in self.aliases():
                raise EsError(
                    400,
                    "illegal_argument_exception",
                    f"The provided expression [{part}] matches an alias, specify the corresponding concrete indices instead.",
                )
        for name in self.resolve(expression, ignore_unavailable):
            self.indices.pop(name, None)
        return {"acknowledged": True}

    def get_alias_by_name(self, names: str):
        found, missing = {}, []
        for alias in names.split(","):
            holders = [
                i for i in self.indices.values() if any(fnmatch.fnmatchcase(a, alias) for a in i.aliases)
            ]
            if not holders and "*" not in alias:
                missing.append(alias)
            for index in holders:
                entry = found.setdefault(index.name, {"aliases": {}})
                entry["aliases"].update({a: {} for a in index.aliases if fnmatch.fnmatchcase(a, alias)})
        if missing:
            return 404, {"error": f"alias [{','.join(missing)}] missing", "status": 404, **found}
        return 200, found

    def update_aliases(self, actions: list[dict]) -> dict:
        plan = {name: set(index.aliases) for name, index in self.indices.items()}
        removed = []
        for action in actions:
            ((kind, spec),) = action.items()
            name = spec["index"]
            if name not in plan:
                raise EsError(404, "index_not_found_exception", f"no such index [{name}]", name)
            if kind == "add":
                if spec["alias"] in plan:
                    raise EsError(
                        400,
                        "invalid_alias_name_exception",
                        f"an index exists with the same name as the alias [{spec['alias']}]",
                    )
                plan[name].add(spec["alias"])
            elif kind == "remove":
                if spec["alias"] not in plan[name]:
                    raise EsError(404, "aliases_not_found_exception", f"aliases [{spec['alias']}] missing")
                plan[name].discard(spec["alias"])
            elif kind == "remove_index":
                removed.append(name)
                plan.pop(name)
            else:
                raise EsError(400, "parsing_exception", f"unknown alias action [{kind}]")
        for name in removed:
            self.indices.pop(name)
        for name, aliases in plan.items():
            self.indices[name].aliases = aliases
        return {"acknowledged": True, "errors": False}

    def bulk(self, lines: list[dict], require_alias_default: bool) -> dict:
        items, errors = [], False
        lines = list(lines)
        while lines:
            action = lines.pop(0)
            ((op, meta),) = action.items()
            source = lines.pop(0) if op in ("index", "create", "update") else None
            name = meta.get("_index")
            doc_id = str(meta.get("_id") or f"auto-{next(self._ids)}")
            try:
                if op == "delete":
                    target = (
                        self._write_target(name, require_alias=False)
                        if name in self.aliases() or name in self.indices
                        else None
                    )
                    if target is None:
                        raise EsError(404, "index_not_found_exception", f"no such index [{name}]", name)
                    found = self.indices[target].docs.pop(doc_id, None)
                    items.append(
                        {
                            op: {
                                "_index": target,
                                "_id": doc_id,
                                "status": 200 if found else 404,
                                "result": "deleted" if found else "not_found",
                            }
                        }
                    )
                    continue
                target = self._write_target(name, meta.get("require_alias", require_alias_default))
                index = self.indices[target]
                if op == "create" and doc_id in index.docs:
                    raise EsError(
                        409,
                        "version_conflict_engine_exception",
                        f"[{doc_id}]: version conflict, document already exists",
                        target,
                    )
                created = doc_id not in index.docs
                index.docs[doc_id] = source
                index.seq[doc_id] = next(self._ids)
                items.append(
                    {
                        op: {
                            "_index": target,
                            "_id": doc_id,
                            "status": 201 if created else 200,
                            "result": "created" if created else "updated",
                            "_version": 1,
                            "_seq_no": index.seq[doc_id],
                            "_primary_term": 1,
                        }
                    }
                )
            except EsError as exc:
                errors = True
                items.append(
                    {op: {"_index": name, "_id": doc_id, "status": exc.status, "error": exc.body()["error"]}}
                )
        return {"took": 1, "errors": errors, "items": items}

    def search(self, expression: str, body: dict, params: dict) -> dict:
        names = self.resolve(expression, params.get("ignore_unavailable") == "true")
        docs = [(n, doc_id, src) for n in names for doc_id, src in self.indices[n].docs.items()]
        query = body.get("query", {"match_all": {}})
        matched = [d for d in docs if matches(d[1], d[2], query)]
        response = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": len(names), "successful": len(names), "skipped": 0, "failed": 0},
        }
        if "suggest" in body:
            response["suggest"] = self._suggest(docs, body["suggest"])
        shown = [
            d for d in matched if not body.get("post_filter") or matches(d[1], d[2], body["post_filter"])
        ]
        shown, sort_field = _sorted(shown, body)
        start = int(body.get("from", 0))
        size = int(body.get("size", 10))
        with_seq = params.get("seq_no_primary_term") == "true" or body.get("seq_no_primary_term")
        hits = []
        for name, doc_id, source in shown[start : start + size]:
            hit = {
                "_index": name,
                "_id": doc_id,
                "_score": 1.0,
                "_source": _filtered_source(source, body.get("_source", True)),
            }
            if with_seq:
                hit.update(_seq_no=self.indices[name].seq.get(doc_id, 0), _primary_term=1)
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

    def _suggest(self, docs, spec: dict) -> dict:
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

    def delete_by_query(self, names: list[str], query: dict) -> dict:
        deleted = 0
        for name in names:
            index = self.indices[name]
            for doc_id in [d for d, src in index.docs.items() if matches(d, src, query)]:
                del index.docs[doc_id]
                deleted += 1
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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):  # keep test output clean
        pass

    def _handle(self):
        standin: StandIn = self.server.standin
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = None
        if raw:
            text = raw.decode("utf-8")
            if url.path.endswith("/_bulk"):
                body = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                body = json.loads(text)
        req = Recorded(self.command, url.path, dict(parse_qsl(url.query)), dict(self.headers.items()), body)
        for predicate, action in list(standin.hooks):
            if predicate(req):
                standin.hooks.remove((predicate, action))
                action(req)
        with standin.lock:
            standin.requests.append(req)
            failure = next((mode for predicate, mode in standin.failures if predicate(req)), None)
            if isinstance(failure, float):
                time.sleep(failure)
                failure = None
            if failure == "drop":
                self.close_connection = True
                return
            if failure is not None:
                status, answer = failure, EsError(failure, "unavailable", "injected failure").body()
            else:
                try:
                    status, answer = standin.dispatch(req)
                except EsError as exc:
                    status, answer = exc.status, exc.body()
        payload = b"" if answer is None or self.command == "HEAD" else json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle
