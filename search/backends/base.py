"""The interface every search backend implements, so that views, tasks and tests do not care which runs."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from search.query import SearchQuery, SearchResults
from search.records import IndexRecord

# progress(done, total, message): called while rebuilding
ProgressCallback = Callable[[int, int, str], None]


class SearchBackendUnavailable(Exception):
    """The backend cannot serve right now (server down, index missing); the selector fails over."""


class SearchBackend(ABC):
    name: str = ""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Hits of one page, total, facet counts, highlighted snippets, and suggestions when nothing matched."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int) -> list[str]:
        """Completions for the search box."""

    @abstractmethod
    def index(self, records: Iterable[IndexRecord]) -> int:
        """Add or replace records; returns how many were written."""

    @abstractmethod
    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove records by doc_id; unknown ids are ignored."""

    @abstractmethod
    def delete_page(self, page_id: int) -> None:
        """Remove every record of one page (a policy page has one per article)."""

    @abstractmethod
    def rebuild(
        self, records: Iterable[IndexRecord], total: int, progress: ProgressCallback | None = None
    ) -> int:
        """Replace the whole index with `records`; search keeps working while it runs."""
