# 办件编号 of every applicant service come from one table of sequences, one row per prefix and year
# (decision 0110). The application's counter moves here in applications.0002.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseNumberSequence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prefix", models.CharField(max_length=8, verbose_name="编号前缀")),
                ("year", models.PositiveSmallIntegerField(verbose_name="年份")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="已用序号")),
            ],
            options={
                "verbose_name": "办件编号计数器",
                "verbose_name_plural": "办件编号计数器",
                "constraints": [
                    models.UniqueConstraint(fields=("prefix", "year"), name="casework_one_sequence_per_prefix_year")
                ],
            },
        ),
    ]
