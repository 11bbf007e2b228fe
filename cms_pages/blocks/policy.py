"""Blocks of a normative document: chapters (章) holding numbered articles (条)."""

from wagtail import blocks


class ArticleBlock(blocks.StructBlock):
    """One article (第N条). Its text keeps the paragraphs and enumerated items of the original, one per line."""

    number = blocks.IntegerBlock(label="条号", min_value=1)
    text = blocks.TextBlock(label="条文")

    class Meta:
        icon = "doc-full"
        label = "条"
        template = "cms_pages/blocks/article.html"

    def paragraphs(self, value):
        return [line for line in value["text"].splitlines() if line.strip()]


class ChapterBlock(blocks.StructBlock):
    """One chapter (第N章) and its articles, in order."""

    number = blocks.IntegerBlock(label="章号", min_value=1)
    title = blocks.CharBlock(label="章标题", max_length=60)
    articles = blocks.ListBlock(ArticleBlock(), label="条文")

    class Meta:
        icon = "list-ol"
        label = "章"
        template = "cms_pages/blocks/chapter.html"
