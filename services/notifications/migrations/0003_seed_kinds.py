from django.db import migrations

KINDS = [
    ("centre.acceptance_apply_due", "筹建期满前申请验收提醒", "centre", True, "R-21、R-22、R-42：筹建期限届满3个月前须申请验收或延期。"),
    ("centre.annual_report_due", "年度工作总结报告提醒", "centre", True, "R-30：每年11月报送年度工作总结报告，11月1日提醒。"),
]


def seed(apps, schema_editor):
    NotificationKind = apps.get_model("notifications", "NotificationKind")
    for code, name, category, mandatory, description in KINDS:
        NotificationKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "category": category, "mandatory": mandatory, "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outbox_delivery_preferences")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
