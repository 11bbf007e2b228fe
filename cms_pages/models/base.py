"""What every page of the portal shares: the demo flag and the column facts for the page meta tags."""

from django.db import models
from django.utils.functional import cached_property


class DemoFlag(models.Model):
    """Pages written by the demo loader carry this flag, so an editor can tell them from real content."""

    is_demo = models.BooleanField(
        "演示内容",
        default=False,
        help_text="由演示数据加载器（manage.py load_demo）生成的内容。正式上线前应删除或改写。",
    )

    class Meta:
        abstract = True


class ColumnMixin:
    """The 栏目 (column) a page belongs to: the index page above it, or itself for an index page.

    The government website meta tags (ColumnName, ColumnType …) are read from here by base.html.
    """

    column_type = "栏目页"

    @cached_property
    def breadcrumb_ancestors(self) -> list:
        """The pages above this one, from the home page down (the upper ones from Django's cache)."""
        from cms_pages import site_cache

        return site_cache.ancestors(self)

    @cached_property
    def column_page(self):
        if self.depth <= 3:
            return self
        return self.breadcrumb_ancestors[-1]

    def route(self, request, path_components):
        """Wagtail's routing with fewer queries: a column is taken from Django's cache, and a child of an
        index page that allows one page type is read as that type at once (one query instead of two)."""
        from cms_pages import site_cache

        if not path_components:
            return super().route(request, path_components)
        slug = path_components[0]
        child = site_cache.upper_pages_child(self, slug)
        if child is None:
            models = self.allowed_subpage_models()
            if len(models) == 1:
                child = models[0].objects.child_of(self).filter(slug=slug).first()
        if child is None:
            return super().route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        """Wagtail checks these before serving a page. The cached restrictions tell, without a query, that
        none applies (the usual case); where one may, Wagtail's own query answers."""
        from wagtail.models import PageViewRestriction

        from cms_pages import site_cache

        if not self.alias_of_id and site_cache.is_public(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def column_description(self) -> str:
        return getattr(self.column_page, "intro", "") or self.column_page.search_description or ""

    @property
    def column_keywords(self) -> str:
        return self.column_page.title

    @property
    def meta_pub_date(self):
        """PubDate: the document's own date where it has one, otherwise when it was first published."""
        for name in ("date", "issue_date"):
            value = getattr(self, name, None)
            if value:
                return value
        return self.first_published_at

    @property
    def meta_content_source(self) -> str:
        for name in ("source", "issuer", "unit_name"):
            value = getattr(self, name, "")
            if value:
                return value
        return ""
