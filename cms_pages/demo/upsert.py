"""Create-or-update of demo pages by slug, publishing a new revision only when something changed."""

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from wagtail.fields import StreamField

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def read_items(name: str) -> list[dict]:
    """The items of `cms_pages/data/demo/<name>.json`: a list, or an object with an `items` list."""
    path = DATA_DIR / f"{name}.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["items"] if isinstance(data, dict) else data


def paragraphs(texts: list[str]) -> list[dict]:
    """Plain paragraphs as raw BodyStreamBlock data; the text is escaped, so demo prose cannot inject HTML."""
    return [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in texts if text.strip()]


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _stream_raw(page, name: str):
    stream_field = page._meta.get_field(name)
    return _without_ids(stream_field.get_prep_value(getattr(page, name)))


def _normalised_raw(page_class, name: str, raw: list[dict]):
    stream_field = page_class._meta.get_field(name)
    return _without_ids(stream_field.get_prep_value(stream_field.to_python(raw)))


@dataclass
class PageSpec:
    """What a demo page should be: plain fields, StreamField raw data, many-to-many and tag values."""

    model: type
    slug: str
    fields: dict
    m2m: dict = field(default_factory=dict)
    tags: list[str] | None = None
    children: dict = field(default_factory=dict)  # orderable relation name → list of field dicts
    live: bool = True  # False: kept as a draft (e.g. the profile of a centre not yet established, R-27)


def upsert_page(parent, spec: PageSpec):
    """Return (page, created, changed). A page of the same slug under `parent` is updated in place."""
    page = spec.model.objects.child_of(parent).filter(slug=spec.slug).first()
    created = page is None
    if created:
        page = spec.model(slug=spec.slug)
    elif page.has_unpublished_changes:
        page = page.get_latest_revision_as_object()

    changed = created
    for name, value in spec.fields.items():
        model_field = spec.model._meta.get_field(name)
        if isinstance(model_field, StreamField):
            if created or _stream_raw(page, name) != _normalised_raw(spec.model, name, value):
                setattr(page, name, value)
                changed = True
        elif created or getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    for name, objects in spec.m2m.items():
        current = set(getattr(page, name).all()) if not created else set()
        if created or current != set(objects):
            getattr(page, name).set(objects)
            changed = True
    if spec.tags is not None:
        current = set() if created else {tag.name for tag in page.tags.all()}
        if current != set(spec.tags):
            page.tags.set(spec.tags)
            changed = True
    for relation, rows in spec.children.items():
        keys = rows[0].keys() if rows else []
        current = (
            [] if created else [{k: getattr(obj, k) for k in keys} for obj in getattr(page, relation).all()]
        )
        if created or current != rows:
            child_model = getattr(spec.model, relation).rel.related_model
            setattr(page, relation, [child_model(sort_order=order, **row) for order, row in enumerate(rows)])
            changed = True

    if created:
        page.live = False
        parent.add_child(instance=page)
    if spec.live and (changed or not page.live):
        page.save_revision().publish()
        changed = True
    elif not spec.live:
        if changed:
            page.save_revision()
        if page.live:
            page.unpublish()
            changed = True
    return page, created, changed
