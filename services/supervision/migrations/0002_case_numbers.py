# Every annual report (JLND), change report (JLBH) and
# rectification (JLZG) is a case with a 办件编号 (decision 0110): the field
# is added, the existing rows are numbered in the order they were submitted, then the field is required.

from django.db import migrations, models

from services.casework import numbering
from django.utils import timezone

from services.deadlines.clock import BEIJING


def beijing_day(moment):
    return timezone.localtime(moment, BEIJING).date()


def number_existing(apps, schema_editor):
    numbering.backfill(apps, "supervision.AnnualReport", numbering.ANNUAL_REPORT, lambda row: row.submitted_on)
    numbering.backfill(apps, "supervision.ChangeReport", numbering.CHANGE_REPORT, lambda row: beijing_day(row.submitted_at))
    numbering.backfill(apps, "supervision.Rectification", numbering.RECTIFICATION, lambda row: row.issued_on)


def field(null):
    return models.CharField(editable=False, max_length=20, null=null, unique=True, verbose_name="办件编号")


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("casework", "0002_case_number_sequence"),
    ]

    operations = [
        migrations.AddField("annualreport", "case_number", field(null=True)),
        migrations.AddField("changereport", "case_number", field(null=True)),
        migrations.AddField("rectification", "case_number", field(null=True)),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AlterField("annualreport", "case_number", field(null=False)),
        migrations.AlterField("changereport", "case_number", field(null=False)),
        migrations.AlterField("rectification", "case_number", field(null=False)),
    ]
