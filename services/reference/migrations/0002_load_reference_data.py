from django.db import migrations


def load(apps, schema_editor):
    from services.reference.data import DISTRICTS, KEY_FIELDS, bureau_name

    District = apps.get_model("reference", "District")
    KeyField = apps.get_model("reference", "KeyField")
    for order, (code, name) in enumerate(DISTRICTS):
        District.objects.update_or_create(
            code=code, defaults={"name": name, "bureau_name": bureau_name(name), "sort_order": order}
        )
    for order, (code, name, group) in enumerate(KEY_FIELDS):
        KeyField.objects.update_or_create(code=code, defaults={"name": name, "group": group, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
