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
    def column_page(self):
        parent = self.get_parent()
        if parent is None or parent.depth <= 2:
            return self
        return parent.specific

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
