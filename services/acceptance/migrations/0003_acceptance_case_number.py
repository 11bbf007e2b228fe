# Every acceptance case (JLYS) is a case with a 办件编号 (decision 0110): the field
# is added, the existing rows are numbered in the order they were submitted, then the field is required.

from django.db import migrations, models

from services.casework import numbering




def number_existing(apps, schema_editor):
    numbering.backfill(apps, "acceptance.AcceptanceApplication", numbering.ACCEPTANCE, lambda row: row.submitted_on)


def field(null):
    return models.CharField(editable=False, max_length=20, null=null, unique=True, verbose_name="办件编号")


class Migration(migrations.Migration):
    dependencies = [
        ("acceptance", "0002_demo_template"),
        ("casework", "0002_case_number_sequence"),
    ]

    operations = [
        migrations.AddField("acceptanceapplication", "case_number", field(null=True)),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AlterField("acceptanceapplication", "case_number", field(null=False)),
    ]
