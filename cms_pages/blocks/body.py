"""The shared body stream of ordinary pages, and the small blocks it is made of."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "小标题"
        template = "cms_pages/blocks/heading.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False)

    class Meta:
        icon = "doc-full"
        label = "附件链接"
        template = "cms_pages/blocks/document_link.html"


class TableRowsBlock(blocks.StructBlock):
    """A simple table typed as rows of cells; the first row is the header."""

    caption = blocks.CharBlock(label="表格标题", required=False)
    rows = blocks.ListBlock(blocks.ListBlock(blocks.CharBlock(label="单元格"), label="行"), label="表格内容")

    class Meta:
        icon = "table"
        label = "表格"
        template = "cms_pages/blocks/table.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="正文段落",
        features=["bold", "italic", "ol", "ul", "link", "document-link"],
        template="cms_pages/blocks/paragraph.html",
    )
    image = ImageBlock(label="图片", template="cms_pages/blocks/image.html")
    quote = blocks.BlockQuoteBlock(label="引文", template="cms_pages/blocks/quote.html")
    table = TableRowsBlock()
    document = DocumentLinkBlock()

    class Meta:
        label = "正文"
