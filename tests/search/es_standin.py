"""A loopback HTTP endpoint that answers the `elasticsearch` client as an Elasticsearch 8 node does, for tests.

Test code only, never used by the portal. It exists to record what the real client sends (`requests`)
so that the tests can check every request against the shapes Elasticsearch 8 accepts
(`tests/search/es_shapes.py`), and to answer with the status codes, error bodies and product header
(`X-Elastic-Product: Elasticsearch`) a node returns, so that the backend's error handling meets real client
exceptions. It keeps indices, aliases and documents in memory and follows Elasticsearch's write rules
(auto-creating an index on a write without `require_alias`, 404 with it, 409 on a `create` of an existing
id, atomic alias actions). It does not analyse or score text (tests/search/es_standin_query.py): relevance
is tested on a live server (ELASTICSEARCH_URL).

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

from tests.search.es_standin_query import EsError, answer_search, delete_by_query_answer, matches

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
        with_seq = params.get("seq_no_primary_term") == "true" or body.get("seq_no_primary_term")
        response = answer_search(
            docs, body, lambda name, doc_id: self.indices[name].seq.get(doc_id, 0), with_seq
        )
        response["_shards"] = {"total": len(names), "successful": len(names), "skipped": 0, "failed": 0}
        return response

    def delete_by_query(self, names: list[str], query: dict) -> dict:
        deleted = 0
        for name in names:
            index = self.indices[name]
            for doc_id in [d for d, src in index.docs.items() if matches(d, src, query)]:
                del index.docs[doc_id]
                deleted += 1
        return delete_by_query_answer(deleted)


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
