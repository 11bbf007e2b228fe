"""Chinese words for Wagtail's own search (the admin's page search and `Page.objects.search()`).

Wagtail's database backend treats a run of Chinese characters as one word, so an editor searching 验收
finds nothing. A page class that mixes in `SegmentedSearchMixin` gets a search field and an autocomplete
field on `segmented_search_text()`: its title and text segmented by jieba. The query side is segmented by
`search.wagtail_backend` (WAGTAILSEARCH_BACKENDS), so both sides split words the same way.

The search app indexes these pages, so it sits above cms_pages: it provides the words of a page's text
(`search.wagtail_backend.index_text`) when its app is ready (search.apps), and cms_pages imports nothing
of it.
"""

from django.core.exceptions import ImproperlyConfigured
from wagtail.search import index

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

# index_text(values) -> str: the values' plain text as space-separated words (provided by search)
_provided: list = []


def provide(index_text) -> None:
    _provided[:] = [index_text]


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
        if not _provided:
            raise ImproperlyConfigured("检索模块（search）未安装，无法为页面建立分词索引。")
        return _provided[0]([getattr(self, name, None) for name in self.segmented_text_attributes])
