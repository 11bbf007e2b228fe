"""Bring the search indexes in line with one page (or a subtree): the service the Celery tasks call."""

import logging

from wagtail.models import Page

from search.backends import indexing_backends
from search.backends.base import SearchBackendUnavailable
from search.sources import all_records, count_records, records_for_page

logger = logging.getLogger(__name__)


def update_page(page_id: int) -> int:
    """Index the page if it is a live, public page of a searchable kind; otherwise remove it.

    Returns the number of records written. The database index is updated first, so that the fallback is
    current even when Elasticsearch is down (its failure is raised for the task to retry)."""
    page = Page.objects.filter(pk=page_id).first()
    records = records_for_page(page) if page else []
    failure = None
    for backend in indexing_backends():
        try:
            backend.delete_page(page_id)
            if records:
                backend.index(records)
        except SearchBackendUnavailable as exc:
            logger.warning("Indexing page %s in %s failed: %s", page_id, backend.name, exc)
            failure = exc
    if failure:
        raise failure
    return len(records)


def update_subtree(page_id: int) -> int:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return remove_page(page_id)
    return sum(update_page(pk) for pk in page.get_descendants(inclusive=True).values_list("pk", flat=True))


def remove_page(page_id: int) -> int:
    for backend in indexing_backends():
        backend.delete_page(page_id)
    return 0


def rebuild(backends=None, progress=None) -> dict[str, int]:
    """Rebuild every index from the live, public pages; returns records written per backend."""
    written = {}
    for backend in backends or indexing_backends():
        total = count_records()
        written[backend.name] = backend.rebuild(all_records(), total, progress)
    return written
