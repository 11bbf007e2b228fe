"""StreamField blocks of the portal's pages: one shared body stream and small reusable blocks."""

from cms_pages.blocks.body import BodyStreamBlock, DocumentLinkBlock, HeadingBlock, TableRowsBlock
from cms_pages.blocks.guides import MATERIAL_FORMS, FaqBlock, MaterialBlock
from cms_pages.blocks.policy import ArticleBlock, ChapterBlock

__all__ = [
    "MATERIAL_FORMS",
    "ArticleBlock",
    "BodyStreamBlock",
    "ChapterBlock",
    "DocumentLinkBlock",
    "FaqBlock",
    "HeadingBlock",
    "MaterialBlock",
    "TableRowsBlock",
]
