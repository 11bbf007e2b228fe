"""The demo scoring template (R-12). The official annex 2 (申报评审评分表) is not published; this template is
clearly labelled as a demo so that nobody mistakes it for the official one. The commission replaces it in the
admin with a new template or version."""

from decimal import Decimal

from services.reviews.constants import DEMO_TEMPLATE_NAME

DEMO_ITEMS = [
    ("计量数据资源和成果基础", "数据资源规模、质量与已有成果（第八条第一项）", Decimal("20")),
    ("管理制度和产业基础", "管理制度完备性，服务产业的基础（第八条第二项）", Decimal("15")),
    ("创新机制、人才队伍和知识产权", "创新机制、人才结构与知识产权保护（第八条第三项）", Decimal("15")),
    ("网络和数据安全保障", "安全团队、设施与制度（第八条第四项）", Decimal("15")),
    ("经费保障", "经费来源稳定、投入计划可行（第八条第五项）", Decimal("10")),
    ("建设目标与任务", "目标明确、任务可行、与重点领域契合", Decimal("15")),
    ("组织管理与预期效益", "组织架构、进度安排与预期效益", Decimal("10")),
]


def ensure_demo_template(template_model, version_model, item_model):
    """Create the demo template with its first version, once. Models are passed in (works in migrations)."""
    template, _ = template_model.objects.get_or_create(
        name=DEMO_TEMPLATE_NAME,
        defaults={
            "is_demo": True,
            "description": "正式附件2（申报评审评分表）未公开，本模板仅供演示和试运行。",
        },
    )
    version, created = version_model.objects.get_or_create(
        template=template, number=1, defaults={"note": "演示版本"}
    )
    if created:
        for order, (title, guidance, points) in enumerate(DEMO_ITEMS, start=1):
            item_model.objects.create(
                version=version, order=order, title=title, guidance=guidance, max_points=points
            )
    return version
