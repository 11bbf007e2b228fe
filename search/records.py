"""The backend-neutral record of one searchable item, as every backend indexes it."""

import datetime
from dataclasses import dataclass, field


@dataclass
class IndexRecord:
    """One searchable item: a page, or one article of a published measure.

    `doc_id` is stable across reindexing (`<kind>-<page id>` or `measure-<page id>-<article number>`), so
    that an update replaces the item and a delete finds it."""

    doc_id: str
    kind: str
    page_id: int
    title: str
    body: str
    url: str
    type: str = ""  # achievement type label
    key_field: str = ""
    district: str = ""
    centre: str = ""
    year: int | None = None
    date: datetime.date | None = None
    suggest: list[str] = field(default_factory=list)
    # The words that count as the title for ranking, when the display title says more than the item itself
    # (a measure article is titled with the whole measure's name, which every article shares).
    index_title: str | None = None

    def facet_values(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "type": self.type,
            "key_field": self.key_field,
            "district": self.district,
            "centre": self.centre,
            "year": str(self.year) if self.year else "",
        }


def page_id_of(doc_id: str) -> int | None:
    """The page id inside a doc_id (`<kind>-<page id>` or `measure-<page id>-<article number>`)."""
    parts = doc_id.split("-")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
