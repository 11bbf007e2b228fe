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
        return getattr(self.column_page, "intro", "") or ""
