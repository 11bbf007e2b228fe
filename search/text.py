"""Plain text out of page content (StreamField values, rich text, HTML), for indexing.

Walks a StreamField's raw data instead of rendering it, so indexing needs no templates or request and
never fails on a block's presentation."""

from collections.abc import Iterable, Mapping

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines


def plain_text(value) -> str:
    """Every piece of text inside `value`, HTML stripped, one piece per line."""
    pieces: list[str] = []
    _collect(getattr(value, "raw_data", value), pieces)
    return "\n".join(p for p in pieces if p)


def _collect(value, pieces: list[str]) -> None:
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        text = strip_tags(value) if "<" in value else value
        pieces.append(normalize_newlines(text).strip())
        return
    source = getattr(value, "source", None)  # wagtail.rich_text.RichText
    if isinstance(source, str):
        pieces.append(strip_tags(source).strip())
        return
    if isinstance(value, Mapping):
        if "type" in value and "value" in value:  # a stream child: {"type", "value", "id"}
            _collect(value["value"], pieces)
        else:
            for key, child in value.items():
                if key not in ("id", "type"):
                    _collect(child, pieces)
        return
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        _collect(raw, pieces)
        return
    # Lists, and sequences that are not lists: a StreamValue's `raw_data` is a RawDataView (a
    # MutableSequence), a ListBlock's value a ListValue.
    if isinstance(value, Iterable):
        for child in value:
            _collect(child, pieces)


def index_text(values) -> str:
    """The plain text of `values` as space-separated words for a full-text index (the pages' segmented
    search field, cms_pages.search_fields: provided in SearchConfig.ready)."""
    from search.segmentation import segment_for_index

    parts = [plain_text(value) for value in values]
    return segment_for_index("\n".join(p for p in parts if p))
