"""Writes to Elasticsearch that never create an index and never let a client error escape.

Every bulk request carries `require_alias=true`: a write to an alias that does not exist (before the first
rebuild) fails with 404 instead of auto-creating a concrete index with dynamic mappings. Every client
error — a refused connection, a timeout, an HTTP error, a failed bulk item — becomes
`SearchBackendUnavailable`, which the indexing tasks retry. Deletes go through `_delete_by_query` with
`ignore_unavailable`, so deleting from an absent index is not an error.

The rebuild journal: while a rebuild runs, the alias `<PORTAL_ENV>-rebuild-journal` exists, and every
write first records the ids of the pages it touches there (one document per page). Before swapping its
aliases the rebuild re-reads those pages from the database into the new indices (see `es_rebuild`).
Without a rebuild the alias is absent and the journal write fails with 404, which is expected.
"""

import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.helpers import BulkIndexError

from search.backends.base import SearchBackendUnavailable
from search.documents import DOCUMENTS
from search.records import IndexRecord

logger = logging.getLogger(__name__)

BULK_CHUNK = 500


def journal_alias() -> str:
    return f"{settings.PORTAL_ENV}-rebuild-journal"


@contextmanager
def client_errors():
    """Any error of the client or its transport, as the backend's own `SearchBackendUnavailable`."""
    try:
        yield
    except (ApiError, TransportError, BulkIndexError) as exc:
        raise SearchBackendUnavailable(f"{type(exc).__name__}: {exc}") from exc


def _failures(errors: list[dict], missing_ok: str | None = None) -> list[dict]:
    """Bulk items that failed, without 404s on `missing_ok` (an alias that is absent on purpose)."""
    failed = []
    for item in errors:
        (result,) = item.values()
        if missing_ok and result.get("_index") == missing_ok and result.get("status") == 404:
            continue
        failed.append(result)
    return failed


def bulk(client: Elasticsearch, actions: Iterable[dict], missing_ok: str | None = None, **params) -> int:
    """Run bulk `actions` with `require_alias=true`; returns the items written, raises on any failure."""
    with client_errors():
        written, errors = helpers.bulk(
            client,
            actions,
            chunk_size=BULK_CHUNK,
            raise_on_error=False,
            require_alias=True,
            **params,
        )
    failed = _failures(errors, missing_ok)
    if failed:
        first = failed[0]
        reason = (first.get("error") or {}).get("reason", first.get("status"))
        raise SearchBackendUnavailable(
            f"{len(failed)} bulk item(s) failed, first on {first.get('_index')}: {reason}"
        )
    return written


def actions(records: Iterable[IndexRecord], index_for_kind: Callable[[str], str]):
    for record in records:
        doc = DOCUMENTS[record.kind].from_record(record)
        yield {**doc.to_dict(include_meta=True), "_index": index_for_kind(record.kind)}


def write(client: Elasticsearch, records: Iterable[IndexRecord], index_for_kind, **params) -> int:
    """Add or replace `records` through the aliases `index_for_kind` names."""
    return bulk(client, actions(records, index_for_kind), refresh="wait_for", **params)


def note_in_journal(client: Elasticsearch, page_ids: Iterable[int]) -> None:
    """Record in the rebuild journal, if a rebuild is running, that these pages are being written."""
    journal = journal_alias()
    notes = [
        {"_index": journal, "_id": str(page_id), "_source": {"page_id": page_id}}
        for page_id in sorted(set(page_ids))
    ]
    if notes:
        bulk(client, notes, missing_ok=journal)


def delete_by_query(client: Elasticsearch, indices: list[str], query: dict) -> int:
    """Delete the documents matching `query`; absent indices or aliases are skipped, not an error."""
    with client_errors():
        response = client.delete_by_query(
            index=",".join(indices),
            query=query,
            refresh=True,
            conflicts="proceed",
            ignore_unavailable=True,
            allow_no_indices=True,
        )
    failures = response.get("failures") or []
    if failures:
        raise SearchBackendUnavailable(f"delete_by_query failed: {failures[0]}")
    return int(response.get("deleted", 0))
