"""The values a facet filter may take, where they come from reference data (districts, key fields)."""

from services.reference.models import District, KeyField


def allowed_facet_values() -> dict[str, set[str]]:
    return {
        "district": set(District.objects.values_list("name", flat=True)),
        "key_field": set(KeyField.objects.values_list("name", flat=True)),
    }
