from django.db import migrations


def create(apps, schema_editor):
    from services.reviews.demo_template import ensure_demo_template

    ensure_demo_template(
        apps.get_model("reviews", "ScoringTemplate"),
        apps.get_model("reviews", "ScoringTemplateVersion"),
        apps.get_model("reviews", "ScoringItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
