"""Which backend serves search: Elasticsearch when ELASTICSEARCH_URL is set and answers, else the database.

The portal keeps serving search when Elasticsearch is down: the selector checks reachability (the answer
is cached for a short while, so a dead server costs one ping per interval, not one per request), a failed
request falls over to the database for that request, and every failover is logged. The database index is
always kept in sync as well, so the fallback has current content.
"""

import logging
import time

from django.conf import settings

from search.backends.base import SearchBackend, SearchBackendUnavailable
from search.backends.database import DatabaseBackend
from search.query import SearchQuery, SearchResults

logger = logging.getLogger("search.failover")

PING_CACHE_SECONDS = 30.0
_state: dict = {"url": None, "backend": None, "checked_at": 0.0, "reachable": False}


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


def elasticsearch_backend():
    """The Elasticsearch backend for ELASTICSEARCH_URL, or None when it is not set or not reachable."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return None
    now = time.monotonic()
    if _state["url"] != url or now - _state["checked_at"] > PING_CACHE_SECONDS:
        from search.backends.elasticsearch import ElasticsearchBackend

        backend = ElasticsearchBackend(url)
        reachable = backend.ping()
        if not reachable and (_state["reachable"] or _state["url"] != url):
            logger.warning("Elasticsearch at %s is unreachable: search fails over to the database", url)
        _state.update(url=url, backend=backend, checked_at=now, reachable=reachable)
    return _state["backend"] if _state["reachable"] else None


def mark_unreachable() -> None:
    _state.update(reachable=False, checked_at=time.monotonic())


def get_backend() -> SearchBackend:
    return elasticsearch_backend() or database_backend()


def indexing_backends() -> list[SearchBackend]:
    """Every backend that must receive index updates: the database always, Elasticsearch when configured."""
    backends: list[SearchBackend] = [database_backend()]
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import ElasticsearchBackend

        backends.append(ElasticsearchBackend(settings.ELASTICSEARCH_URL))
    return backends


def run_search(query: SearchQuery) -> SearchResults:
    backend = get_backend()
    try:
        return backend.search(query)
    except SearchBackendUnavailable as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        logger.warning("Elasticsearch search failed (%s): failing over to the database", exc)
        mark_unreachable()
        return database_backend().search(query)


def run_suggest(prefix: str, limit: int) -> list[str]:
    backend = get_backend()
    try:
        return backend.suggest(prefix, limit)
    except SearchBackendUnavailable as exc:
        if isinstance(backend, DatabaseBackend):
            raise
        logger.warning("Elasticsearch suggest failed (%s): failing over to the database", exc)
        mark_unreachable()
        return database_backend().suggest(prefix, limit)
