# Every major situation report (JLQK) and extension request (JLYQ) is a case with a 办件编号 (decision 0110): the field
# is added, the existing rows are numbered in the order they were submitted, then the field is required.

from django.db import migrations, models

from services.casework import numbering
from django.utils import timezone

from services.deadlines.clock import BEIJING


def beijing_day(moment):
    return timezone.localtime(moment, BEIJING).date()


def number_existing(apps, schema_editor):
    numbering.backfill(apps, "construction.MajorSituationReport", numbering.MAJOR_SITUATION, lambda row: beijing_day(row.submitted_at))
    numbering.backfill(apps, "construction.ExtensionRequest", numbering.EXTENSION, lambda row: row.submitted_on)


def field(null):
    return models.CharField(editable=False, max_length=20, null=null, unique=True, verbose_name="办件编号")


class Migration(migrations.Migration):
    dependencies = [
        ("construction", "0001_initial"),
        ("casework", "0002_case_number_sequence"),
    ]

    operations = [
        migrations.AddField("majorsituationreport", "case_number", field(null=True)),
        migrations.AddField("extensionrequest", "case_number", field(null=True)),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AlterField("majorsituationreport", "case_number", field(null=False)),
        migrations.AlterField("extensionrequest", "case_number", field(null=False)),
    ]
