from django import template

from cms_pages.measures.numerals import to_chinese_number

register = template.Library()


@register.filter
def chinese_number(value) -> str:
    """{{ 25|chinese_number }} → 二十五"""
    try:
        return to_chinese_number(int(value))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def lines(value: str) -> list[str]:
    """The non-empty lines of a text, to render each as its own paragraph."""
    return [line for line in (value or "").splitlines() if line.strip()]


@register.simple_tag(takes_context=True)
def query_with(context, **params) -> str:
    """The current query string with some parameters replaced (and `page` dropped), for filter links."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in params.items():
        if value in ("", None):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
