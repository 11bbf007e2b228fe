# The application's 办件编号 counter (one row per year) moves into casework's sequences under the prefix
# JLSJ, so that every service's numbers are taken in one place (decision 0110).

from django.db import migrations


def move_counters(apps, schema_editor):
    counter_model = apps.get_model("applications", "CaseNumberCounter")
    sequence_model = apps.get_model("casework", "CaseNumberSequence")
    for counter in counter_model.objects.all():
        sequence, _ = sequence_model.objects.get_or_create(prefix="JLSJ", year=counter.year)
        sequence.last = max(sequence.last, counter.last)
        sequence.save(update_fields=["last"])


def move_counters_back(apps, schema_editor):
    counter_model = apps.get_model("applications", "CaseNumberCounter")
    sequence_model = apps.get_model("casework", "CaseNumberSequence")
    for sequence in sequence_model.objects.filter(prefix="JLSJ"):
        counter_model.objects.update_or_create(year=sequence.year, defaults={"last": sequence.last})


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("casework", "0002_case_number_sequence"),
    ]

    operations = [
        migrations.RunPython(move_counters, move_counters_back),
        migrations.DeleteModel(name="CaseNumberCounter"),
    ]
