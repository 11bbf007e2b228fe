"""Chinese words for Wagtail's own search (the admin's page search and `Page.objects.search()`).

Wagtail's database backend treats a run of Chinese characters as one word, so an editor searching 验收
finds nothing. A page class that mixes in `SegmentedSearchMixin` gets a search field and an autocomplete
field on `segmented_search_text()`: its title and text segmented by jieba. The query side is segmented by
`search.wagtail_backend` (WAGTAILSEARCH_BACKENDS), so both sides split words the same way.
"""

from wagtail.search import index

from search.segmentation import segment_for_index
from search.text import plain_text

SEGMENTED_FIELD = "segmented_search_text"
# Page attributes whose text is included when present (each page type has some of them).
TEXT_ATTRIBUTES = (
    "title",
    "unit_name",
    "document_number",
    "summary",
    "abstract",
    "intro",
    "body",
    "item_name",
    "scope",
    "conditions",
    "process",
    "faq",
)


class SegmentedSearchMixin:
    """Add to a page class's bases: its `search_fields` gain the segmented text (added automatically)."""

    segmented_text_attributes = TEXT_ATTRIBUTES

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Defined on the page class itself: Wagtail's Elasticsearch mapping names a field by the model that
        # defines it (get_definition_model walks the MRO), and this mixin is no model.
        if SEGMENTED_FIELD not in cls.__dict__:
            setattr(cls, SEGMENTED_FIELD, SegmentedSearchMixin.segmented_search_text)
        fields = list(getattr(cls, "search_fields", []))
        if not any(getattr(f, "field_name", None) == SEGMENTED_FIELD for f in fields):
            cls.search_fields = [
                *fields,
                index.SearchField(SEGMENTED_FIELD),
                index.AutocompleteField(SEGMENTED_FIELD),
            ]

    def segmented_search_text(self) -> str:
        parts = [plain_text(getattr(self, name, None)) for name in self.segmented_text_attributes]
        return segment_for_index("\n".join(p for p in parts if p))
