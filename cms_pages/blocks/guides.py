"""Blocks of a service guide (办事指南)."""

from wagtail import blocks

MATERIAL_FORMS = [("原件", "原件"), ("复印件", "复印件"), ("电子", "电子")]


class MaterialBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="材料名称", max_length=120)
    form = blocks.ChoiceBlock(label="材料形式", choices=MATERIAL_FORMS, default="电子")
    copies = blocks.IntegerBlock(label="份数", min_value=0, default=1)
    note = blocks.CharBlock(label="备注", required=False, max_length=200)

    class Meta:
        icon = "doc-empty"
        label = "申请材料"


class FaqBlock(blocks.StructBlock):
    q = blocks.CharBlock(label="问题", max_length=200)
    a = blocks.TextBlock(label="解答")

    class Meta:
        icon = "help"
        label = "常见问题"
