"""What every public page needs, kept in Django's cache: view restrictions, the upper pages, site identity.

Every public page shows the site identity (footer, meta tags), the main navigation and breadcrumbs, and lists
only pages outside private sections. Reading them from the database cost 4-9 queries a page; here they are
read once, kept in Django's cache (Redis in production, local memory in the embedded default and tests),
and dropped when an editor publishes, unpublishes, moves or deletes a page, changes a view restriction or
saves the site identity (cms_pages.signals).

- `view_restrictions()`: every PageViewRestriction with its page's path (`public()` without a query).
- `upper_pages()`: the live pages down to the columns (depth ≤ 3), specific, by path: the navigation, the
  breadcrumbs above a detail page and its column (ColumnMixin.column_page) come from it.
- the site's SiteIdentity (`SiteIdentity.cached_for_site`, kept here with `remember`).
- `remember(name, build)`: any other value built from published pages (the home page's listings).

Keys carry a generation number; `invalidate()` moves to the next generation, so every key is dropped at once.
"""

from django.core.cache import cache
from django.db.models import Q

TIMEOUT = 24 * 3600  # an upper bound only: every change of content invalidates at once
GENERATION_KEY = "cms_pages:generation"
UPPER_DEPTH = 3  # root (1), home (2), columns (3)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate() -> None:
    """Drop every cached value of the public site (called on publish and on saving the site identity)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one above any old one
        cache.set(GENERATION_KEY, _generation() + 1, None)


def remember(name: str, build):
    key = f"cms_pages:{_generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def view_restrictions() -> list:
    from wagtail.models import PageViewRestriction

    return remember(
        "restrictions",
        lambda: list(PageViewRestriction.objects.select_related("page").prefetch_related("groups")),
    )


def restricted_paths() -> list[str]:
    return [restriction.page.path for restriction in view_restrictions()]


def is_public(path: str) -> bool:
    return not any(path.startswith(prefix) for prefix in restricted_paths())


def private_q() -> Q:
    """Pages in a private section, as Wagtail's PageQuerySet.private_q() but from the cached restrictions."""
    q = Q()
    for prefix in restricted_paths():
        q |= Q(path__startswith=prefix)
    return q if q else Q(pk__in=[])


def public(queryset):
    """`queryset.public()` with the restrictions read once from the cache instead of once per call."""
    return queryset.exclude(private_q())


def upper_pages() -> dict:
    from wagtail.models import Page

    def build():
        pages = Page.objects.filter(depth__lte=UPPER_DEPTH).live().specific().order_by("path")
        return {page.path: page for page in pages}

    return remember("upper-pages", build)


def upper_pages_child(parent, slug: str):
    """The live child `slug` of `parent` if it is an upper page, else None (then ask the database)."""
    if parent.depth >= UPPER_DEPTH:
        return None
    for path, page in upper_pages().items():
        if page.depth == parent.depth + 1 and page.slug == slug and path.startswith(parent.path):
            return page
    return None


def navigation(site) -> list:
    """The home page, then its live, public children shown in menus, in tree order."""
    pages = upper_pages()
    root = pages.get(site.root_page.path) if site else None
    if root is None:
        return []
    children = [
        page
        for path, page in pages.items()
        if page.depth == root.depth + 1
        and path.startswith(root.path)
        and page.show_in_menus
        and is_public(path)
    ]
    return [root, *children]


def ancestors(page) -> list:
    """The ancestors of `page` below the tree root, from the cache where they are upper pages."""
    pages = upper_pages()
    steps = len(page.path) // page.depth
    paths = [page.path[: steps * depth] for depth in range(2, page.depth)]
    found = [pages.get(path) for path in paths]
    if all(found):
        return found
    return list(page.get_ancestors().filter(depth__gte=2).specific())
