"""The database fallback's index: one denormalised row per searchable item, with its text segmented.

On PostgreSQL `search_vector` holds the weighted tsvector ('simple' configuration over the segmented
columns, title A, body B) under a GIN index; on SQLite an FTS5 table (`search_searchentry_fts`, created by
migration 0002 and kept in step by triggers) indexes the same segmented columns. Both are created by
vendor-specific migration steps, so the model itself stays portable.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from search.constants import Kind


class SearchEntry(models.Model):
    doc_id = models.CharField("文档标识", max_length=80, unique=True)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=True,
    )
    url = models.CharField("链接", max_length=500)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    title_segmented = models.TextField("标题分词", blank=True)
    body_segmented = models.TextField("正文分词", blank=True)
    type = models.CharField("成果类型", max_length=60, blank=True, db_index=True)
    key_field = models.CharField("重点领域", max_length=60, blank=True, db_index=True)
    district = models.CharField("所在区", max_length=20, blank=True, db_index=True)
    centre = models.CharField("计量数据中心", max_length=120, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True, db_index=True)
    date = models.DateField("日期", null=True, blank=True, db_index=True)
    suggest = models.TextField("联想词", blank=True, help_text="每行一个")
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        ordering = ["-date", "id"]

    def __str__(self):
        return self.title
