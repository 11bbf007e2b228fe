"""Listing helpers of the index pages: live public children, paginated, in a fixed number of queries.

This module imports no page family (each family imports it), so there is no import circle.
"""

from django.core.paginator import Paginator

from cms_pages import site_cache

PAGE_SIZE = 20


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def public_children(index_page, model):
    """Live, publicly visible pages of `model` directly under `index_page`."""
    return site_cache.public(model.objects.child_of(index_page).live())


def public_descendants(page, model):
    """Live, publicly visible pages of `model` anywhere below `page`."""
    return site_cache.public(model.objects.descendant_of(page).live())
