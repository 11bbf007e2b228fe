"""Celery tasks of the search index (queue `indexing`, see CELERY_TASK_ROUTES). Thin: load by id, index."""

from celery import shared_task

from search import indexing
from search.backends.base import SearchBackendUnavailable


@shared_task(autoretry_for=(SearchBackendUnavailable,), retry_backoff=True, max_retries=5, acks_late=True)
def index_page(page_id: int) -> int:
    return indexing.update_page(page_id)


@shared_task(autoretry_for=(SearchBackendUnavailable,), retry_backoff=True, max_retries=5, acks_late=True)
def index_subtree(page_id: int) -> int:
    return indexing.update_subtree(page_id)


@shared_task(autoretry_for=(SearchBackendUnavailable,), retry_backoff=True, max_retries=5, acks_late=True)
def remove_page(page_id: int) -> int:
    return indexing.remove_page(page_id)
