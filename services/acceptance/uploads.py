"""The files of the acceptance form when a save is refused (issue 12, item 4): nothing chosen is lost.

The acceptance case exists only once it is submitted, so the files of a refused save cannot belong to it
yet. Each file that passes its own check is held on the centre, under the purpose "acceptance_held:<material>"
and with the title given to it; a refused file is named beside its field with the reason. The next
successful submission moves the held files to the new case (`attach_held`, in the action's transaction),
as the application's section forms keep the accepted files of a refused save.

Until then a held file is the unit's draft, not yet the government's to see: only those who may edit the
centre's acceptance form download it (`may_edit_form`, registered with services.files.permissions in
apps.py; docs/decisions/0112, R-32), not everyone who sees the centre.
"""

import uuid

from django.contrib.contenttypes.models import ContentType

from services.casework.gates import is_unit_member
from services.files.models import CaseFile
from services.files.service import FileRefused, check_upload, store

HELD = "acceptance_held:"


def may_edit_form(user, centre) -> bool:
    """The acceptance form's two gates (views.apply): the user sees the centre and is of its unit."""
    from services.construction.querysets import centres_visible_to

    return is_unit_member(user, centre) and centres_visible_to(user).filter(pk=centre.pk).exists()


def _held_files(centre):
    return CaseFile.for_object(centre).filter(purpose__startswith=HELD)


def screen(form, materials) -> dict[str, list]:
    """The uploads of each material that pass their check; each refused one is an error beside its field,
    naming the file and the reason. Call after form.is_valid(). The files of a material whose title was
    refused are not kept: they belong to that title (as on the application's attachment section)."""
    accepted: dict[str, list] = {}
    for material in materials:
        field = f"{material}_files"
        for uploaded in (getattr(form, "cleaned_data", {}) or {}).get(field) or []:
            try:
                check_upload(uploaded)
            except FileRefused as error:
                form.add_error(field, f"文件“{uploaded.name}”未上传：{error}")
            else:
                if f"{material}_title" not in form.errors:
                    accepted.setdefault(material, []).append(uploaded)
    return accepted


def titles(form, materials) -> dict[str, str]:
    data = getattr(form, "cleaned_data", {}) or {}
    return {material: (data.get(f"{material}_title") or "").strip() for material in materials}


def hold(centre, user, accepted: dict[str, list], given_titles: dict[str, str]) -> list[CaseFile]:
    """Keep the accepted files of a refused save on the centre until the application is submitted."""
    return [
        store(
            uploaded, owner=centre, purpose=HELD + material, user=user, title=given_titles.get(material, "")
        )
        for material, uploads in accepted.items()
        for uploaded in uploads
    ]


def held(centre) -> dict[str, list[CaseFile]]:
    """The files held for the centre's acceptance application, by material."""
    found: dict[str, list[CaseFile]] = {}
    for case_file in _held_files(centre):
        found.setdefault(case_file.purpose.removeprefix(HELD), []).append(case_file)
    return found


def release(centre, public_ids) -> int:
    """Take back held files that the user chose to remove (only files still held for this centre)."""
    ids = []
    for value in public_ids:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue  # a malformed id names no file
    if not ids:
        return 0
    deleted, _ = _held_files(centre).filter(public_id__in=ids).delete()
    return deleted


def attach_held(centre, application) -> int:
    """Move the held files to the submitted case, each under its material's purpose. Inside the action."""
    content_type = ContentType.objects.get_for_model(application)
    moved = 0
    for case_file in _held_files(centre):
        case_file.content_type, case_file.object_id = content_type, application.pk
        case_file.purpose = case_file.purpose.removeprefix(HELD)
        case_file.save(update_fields=["content_type", "object_id", "purpose"])
        moved += 1
    return moved
