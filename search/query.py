"""A search request as data, parsed and bounded from untrusted input, and the results a backend returns.

Bad input never reaches a backend: the query is stripped of control characters and cut to
MAX_QUERY_LENGTH, page and page size are capped, unknown sort orders and facet values are dropped. Each
correction is kept as a Chinese message, so the page can show it and the API can refuse with it.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from math import ceil

from search.constants import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    Kind,
    Sort,
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FACET_VALUE = re.compile(r"^[\w\-（）()·]{1,60}$", re.UNICODE)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = Sort.RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    with_facets: bool = True

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class ParsedQuery:
    """The outcome of parsing request parameters: the query to run and what had to be corrected."""

    query: SearchQuery
    messages: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # parameter -> message (the API answers 400)
    truncated: bool = False


@dataclass
class Hit:
    doc_id: str
    kind: str
    title: str
    url: str
    score: float
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    title_highlighted: str  # safe HTML as well
    facets: dict[str, str] = field(default_factory=dict)
    date: str | None = None

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label if self.kind in Kind.values else self.kind


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    did_you_mean: str = ""
    partial_match: bool = False  # no document had every word; results match some of them
    backend: str = ""

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGE, max(1, ceil(self.total / self.query.page_size)))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1


def clean_text(raw: str | None) -> tuple[str, bool]:
    """The query text normalised (NFKC, no control characters, single spaces) and cut to the limit."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def _int(value, default: int) -> int | None:
    if value in (None, ""):
        return default
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def parse(params, allowed_values: dict[str, set[str]] | None = None) -> ParsedQuery:
    """Parse GET parameters (a QueryDict or a dict of lists/strings) into a bounded SearchQuery.

    `allowed_values` restricts facet values (e.g. the known district names); values outside it are dropped
    with a message. Without it, any value of a sane shape is accepted.
    """

    def getlist(name: str) -> list[str]:
        if hasattr(params, "getlist"):
            return params.getlist(name)
        value = params.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, list | tuple) else [value]

    def get(name: str):
        values = getlist(name)
        return values[0] if values else None

    messages: list[str] = []
    errors: dict[str, str] = {}

    text, truncated = clean_text(get("q"))
    if truncated:
        messages.append(f"检索词过长，已截取前 {MAX_QUERY_LENGTH} 个字符进行检索。")

    page = _int(get("page"), 1)
    if page is None or page < 1:
        errors["page"] = "页码须为正整数。"
        messages.append("页码无效，已显示第 1 页。")
        page = 1
    elif page > MAX_PAGE:
        errors["page"] = f"最多可查看前 {MAX_PAGE} 页结果，请缩小检索范围。"
        messages.append(f"最多可查看前 {MAX_PAGE} 页结果，已显示第 {MAX_PAGE} 页。")
        page = MAX_PAGE

    page_size = _int(get("page_size"), DEFAULT_PAGE_SIZE)
    if page_size is None or page_size < 1:
        errors["page_size"] = "每页条数须为正整数。"
        page_size = DEFAULT_PAGE_SIZE
    elif page_size > MAX_PAGE_SIZE:
        errors["page_size"] = f"每页最多 {MAX_PAGE_SIZE} 条。"
        page_size = MAX_PAGE_SIZE

    sort = get("sort") or Sort.RELEVANCE
    if sort not in Sort.values:
        errors["sort"] = "排序方式无效，可选：relevance、newest、oldest。"
        messages.append("排序方式无效，已按相关度排序。")
        sort = Sort.RELEVANCE

    filters: dict[str, tuple[str, ...]] = {}
    for name in FACETS:
        accepted = []
        for value in getlist(name)[:20]:
            value = unicodedata.normalize("NFKC", str(value)).strip()
            if not value:
                continue
            valid = bool(_FACET_VALUE.match(value))
            if valid and name == "kind":
                valid = value in Kind.values
            if valid and name == "year":
                valid = value.isdigit() and 1990 <= int(value) <= 2100
            if valid and allowed_values and name in allowed_values:
                valid = value in allowed_values[name]
            if valid:
                if value not in accepted:
                    accepted.append(value)
            else:
                errors[name] = f"筛选条件“{FACETS[name]}”的取值无效。"
                messages.append(f"已忽略无效的筛选条件“{FACETS[name]}”。")
        if accepted:
            filters[name] = tuple(accepted)

    query = SearchQuery(text=text, filters=filters, sort=sort, page=page, page_size=page_size)
    return ParsedQuery(
        query=query, messages=list(dict.fromkeys(messages)), errors=errors, truncated=truncated
    )
