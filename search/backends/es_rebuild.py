"""A rebuild of the Elasticsearch indices that loses no write and leaves nothing behind (docs/decisions/0080).

1. Remove what an earlier, interrupted rebuild left: indices behind a `<alias>-next` or journal alias, and
   timestamped indices of ours that no live alias points at.
2. Create the journal index (alias `<PORTAL_ENV>-rebuild-journal`) and, from then on, every write records
   its pages there (`es_writes.note_in_journal`, before the write itself). This is the rebuild's start.
3. Create one new timestamped index per kind, behind the write alias `<alias>-next`, and stream every record
   into it (`require_alias=true`). Searches and writes keep using the live aliases meanwhile.
4. Catch up: re-read from the database every page the journal names and write it into the new indices;
   repeat while the journal grows (a page written during a pass is caught by the next one).
5. Swap in one atomic `_aliases` request: the live aliases move to the new indices, the `-next` aliases go.
6. Catch up once more, through the live aliases, for the pages written between the last pass and the
   swap (those writes went to the old indices); then delete the journal and the old indices.

If anything fails before the swap, the indices created in steps 2-3 are deleted (and, if the server is
gone, step 1 of the next rebuild deletes them) and the error is raised as `SearchBackendUnavailable`.
One rebuild at a time (`manage.py reindex`): a second concurrent rebuild would remove the first one's
indices in step 1.
"""

import logging
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError

from search.backends.base import ProgressCallback
from search.backends.es_writes import BULK_CHUNK, actions, bulk, client_errors, journal_alias
from search.documents import DOCUMENTS, alias_name
from search.records import IndexRecord

logger = logging.getLogger(__name__)

MAX_CATCH_UP_PASSES = 5
JOURNAL_PAGE = 1_000  # journal entries per search request
JOURNAL_MAPPINGS = {"dynamic": "strict", "properties": {"page_id": {"type": "integer"}}}
JOURNAL_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def next_alias(kind: str) -> str:
    return f"{alias_name(kind)}-next"


def new_index_name(kind: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(kind)}-{stamp}"


def _ours() -> re.Pattern:
    """Names of the indices a rebuild creates: `<alias>-<timestamp>` and `<journal>-<timestamp>`."""
    names = [re.escape(alias_name(kind)) for kind in DOCUMENTS] + [re.escape(journal_alias())]
    return re.compile(rf"^(?:{'|'.join(names)})-\d{{20}}$")


def fresh_records(page_ids: Iterable[int]) -> list[IndexRecord]:
    """The records of these pages as the database holds them now (none for a deleted or hidden page)."""
    from wagtail.models import Page

    from search.sources import records_for_page

    records: list[IndexRecord] = []
    for page in Page.objects.filter(pk__in=list(page_ids)):
        records.extend(records_for_page(page))
    return records


class Rebuild:
    def __init__(
        self,
        client: Elasticsearch,
        reload: Callable[[Iterable[int]], list[IndexRecord]] = fresh_records,
        now: datetime | None = None,
    ):
        self.client = client
        self.reload = reload
        self.now = now or datetime.now(UTC)
        self.journal_index = f"{journal_alias()}-{self.now.strftime('%Y%m%d%H%M%S%f')}"
        self.new_names = {kind: new_index_name(kind, self.now) for kind in DOCUMENTS}
        self.created: list[str] = []
        self.caught_up: dict[int, int] = {}  # page id -> the journal entry's _seq_no already handled

    def run(self, records: Iterable[IndexRecord], total: int, progress: ProgressCallback | None) -> int:
        with client_errors():
            self.remove_leftovers()
        try:
            with client_errors():
                done = self._build(records, total, progress)
                self.catch_up(next_alias)
                old = self.swap()
        except Exception:
            self.remove_created()
            raise
        with client_errors():
            self.catch_up(alias_name)
            self.client.indices.delete(index=self.journal_index, ignore_unavailable=True)
            for name in old:
                self.client.indices.delete(index=name, ignore_unavailable=True)
        if progress:
            progress(done, total, "Elasticsearch 索引")
        return done

    def remove_leftovers(self) -> None:
        pattern = _ours()
        prefix = f"{settings.PORTAL_ENV}-*"
        found = self.client.indices.get_alias(index=prefix, ignore_unavailable=True, allow_no_indices=True)
        live = {alias_name(kind) for kind in DOCUMENTS}
        stale = [
            name
            for name, entry in found.body.items()
            if pattern.match(name) and not live & set((entry or {}).get("aliases", {}))
        ]
        for name in stale:
            logger.warning("Deleting %s, left by an interrupted search index rebuild", name)
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def _build(self, records, total, progress) -> int:
        self.client.indices.create(
            index=self.journal_index,
            aliases={journal_alias(): {}},
            mappings=JOURNAL_MAPPINGS,
            settings=JOURNAL_SETTINGS,
        )
        self.created.append(self.journal_index)
        for kind, document in DOCUMENTS.items():
            body = document._index.to_dict()
            self.client.indices.create(
                index=self.new_names[kind],
                aliases={next_alias(kind): {}},
                mappings=body["mappings"],
                settings=body["settings"],
            )
            self.created.append(self.new_names[kind])
        done = 0
        for chunk in _chunks(records, BULK_CHUNK):
            done += bulk(self.client, actions(chunk, next_alias))
            if progress:
                progress(done, total, "Elasticsearch 索引")
        self.client.indices.refresh(index=",".join(self.new_names.values()))
        return done

    def _journal(self) -> dict[int, int]:
        """Every journaled page id with its entry's `_seq_no`, read in pages ordered by page id."""
        self.client.indices.refresh(index=self.journal_index)
        entries: dict[int, int] = {}
        after = None
        while True:
            response = self.client.search(
                index=self.journal_index,
                query={"match_all": {}},
                size=JOURNAL_PAGE,
                sort=[{"page_id": "asc"}],
                seq_no_primary_term=True,
                source=["page_id"],
                **({"search_after": after} if after else {}),
            )
            hits = response["hits"]["hits"]
            entries.update({int(hit["_source"]["page_id"]): hit["_seq_no"] for hit in hits})
            if len(hits) < JOURNAL_PAGE:
                return entries
            after = hits[-1]["sort"]

    def catch_up(self, index_for_kind: Callable[[str], str]) -> int:
        """Rewrite the journaled pages from the database until a pass finds nothing new."""
        rewritten = 0
        for _ in range(MAX_CATCH_UP_PASSES):
            entries = self._journal()
            pending = {pid: seq for pid, seq in entries.items() if self.caught_up.get(pid) != seq}
            if not pending:
                break
            page_ids = sorted(pending)
            records = self.reload(page_ids)
            targets = [index_for_kind(kind) for kind in DOCUMENTS]
            self.client.delete_by_query(
                index=",".join(targets),
                query={"terms": {"page_id": page_ids}},
                refresh=True,
                conflicts="proceed",
            )
            if records:
                bulk(self.client, actions(records, index_for_kind), refresh="wait_for")
            self.caught_up.update(pending)
            rewritten += len(page_ids)
        else:
            logger.warning("Rebuild catch-up still had pages after %s passes", MAX_CATCH_UP_PASSES)
        return rewritten

    def swap(self) -> list[str]:
        """Move every live alias to its new index in one request; returns the indices it left."""
        swap_actions, old = [], []
        for kind, new_name in self.new_names.items():
            alias = alias_name(kind)
            try:
                current = list(self.client.indices.get_alias(name=alias).body)
            except NotFoundError:
                current = []
                if self.client.indices.exists(index=alias):
                    # a concrete index squatting on the alias name (created by a write without require_alias)
                    swap_actions.append({"remove_index": {"index": alias}})
            old += current
            swap_actions += [{"remove": {"index": name, "alias": alias}} for name in current]
            swap_actions.append({"remove": {"index": new_name, "alias": next_alias(kind)}})
            swap_actions.append({"add": {"index": new_name, "alias": alias}})
        self.client.indices.update_aliases(actions=swap_actions)
        return old

    def remove_created(self) -> None:
        """Delete the indices this rebuild created (best effort: the server may be gone)."""
        for name in self.created:
            try:
                self.client.indices.delete(index=name, ignore_unavailable=True)
            except Exception as exc:  # cleanup must not hide the rebuild's own error
                logger.warning("Could not delete %s after a failed rebuild (%s)", name, exc)


def _chunks(records: Iterable[IndexRecord], size: int):
    chunk: list[IndexRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
