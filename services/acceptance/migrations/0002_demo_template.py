"""The labelled demo acceptance template (R-25): the official assessment content is not public."""

from decimal import Decimal

from django.db import migrations

DEMO_ITEMS = [
    ("筹建任务书目标与任务完成情况", "逐项对照《筹建任务书》的建设目标和主要任务。", "30"),
    ("计量数据资源建设", "数据采集、汇聚、治理与共享目录。", "20"),
    ("数据质量与数据安全管理", "质量规范、安全团队、设施与制度。", "15"),
    ("应用示范与服务成效", "应用场景、服务对象与成效。", "15"),
    ("组织管理与人才队伍", "管理制度、创新机制、人员与知识产权保护。", "10"),
    ("后续建设规划", "规划的可行性与保障措施。", "10"),
]


def create(apps, schema_editor):
    Template = apps.get_model("acceptance", "AcceptanceTemplate")
    Item = apps.get_model("acceptance", "AcceptanceTemplateItem")
    template, created = Template.objects.get_or_create(
        version="demo-1",
        defaults={
            "title": "演示模板：正式验收考核内容未公开",
            "note": "本模板仅用于演示，考核项和分值为示例，正式验收考核内容以市市场监管委公布为准。",
            "is_demo": True,
            "is_active": True,
        },
    )
    if created:
        for order, (name, description, points) in enumerate(DEMO_ITEMS, start=1):
            Item.objects.create(
                template=template, order=order, name=name, description=description, max_points=Decimal(points)
            )


def remove(apps, schema_editor):
    apps.get_model("acceptance", "AcceptanceTemplateItem").objects.filter(template__version="demo-1").delete()
    apps.get_model("acceptance", "AcceptanceTemplate").objects.filter(version="demo-1", is_demo=True).delete()


class Migration(migrations.Migration):
    dependencies = [("acceptance", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
