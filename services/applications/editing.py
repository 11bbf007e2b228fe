"""Saving one section of a draft (or returned) application. Not a state change: no event record."""

from django.db import transaction

from services.applications.actions import ensure_editable
from services.applications.constants import FILE_PURPOSE_ATTACHMENT, Condition, Section, condition_purpose
from services.applications.models import ApplicationPartner
from services.files import service as files
from services.files.models import CaseFile


def save_section(application, user, section: str, form) -> None:
    """Save a valid section form. Files are stored in the same transaction: all or nothing."""
    with transaction.atomic():
        ensure_editable(application, user)
        data = form.cleaned_data
        if section in (Section.BASIC, Section.BASIS, Section.GOALS, Section.MANAGEMENT):
            form.instance = application
            for name, value in data.items():
                if name != "key_fields":
                    setattr(application, name, value)
            application.save()
            if "key_fields" in data:
                application.key_fields.set(data["key_fields"])
        elif section == Section.PARTNERS:
            organisation = form.registered_organisation()
            ApplicationPartner.objects.create(
                application=application,
                organisation=organisation,
                name=organisation.name if organisation else data["name"],
                credit_code=data["credit_code"],
                responsibility=data.get("responsibility", ""),
            )
            if not application.is_joint_build:
                application.is_joint_build = True
                application.save(update_fields=["is_joint_build", "updated_at"])
        elif section == Section.CONDITIONS:
            declared = application.condition_map()
            for code in Condition.values:
                row = declared[code]
                meets = data.get(f"{code}_meets") or ""
                row.meets = None if meets == "" else meets == "yes"
                row.explanation = data.get(f"{code}_explanation", "")
                row.save()
            _store_files(application, user, section, data)
            application.save(update_fields=["updated_at"])
        elif section == Section.ATTACHMENTS:
            if _store_files(application, user, section, data):
                application.save(update_fields=["updated_at"])


def file_fields(section: str) -> list[tuple[str, str]]:
    """(form field, file purpose) of each upload of a section."""
    if section == Section.CONDITIONS:
        return [(f"{code}_file", condition_purpose(code)) for code in Condition.values]
    if section == Section.ATTACHMENTS:
        return [("file", FILE_PURPOSE_ATTACHMENT)]
    return []


def _store_files(application, user, section, data) -> list[CaseFile]:
    title = data.get("title", "") if section == Section.ATTACHMENTS else ""
    return [
        files.store(data[name], owner=application, purpose=purpose, user=user, title=title)
        for name, purpose in file_fields(section)
        if data.get(name)
    ]


def keep_accepted_files(application, user, section: str, form) -> list[CaseFile]:
    """A save refused for another reason (a refused file, a bad phone number) still keeps every file of it
    that passed its own check, so that nothing chosen has to be chosen again. Fields in error are not in
    cleaned_data, so a refused file is never stored."""
    if not file_fields(section) or not hasattr(form, "cleaned_data"):
        return []
    if section == Section.ATTACHMENTS and form.errors.get("title"):
        return []  # the file belongs to a title that was refused: keep neither
    with transaction.atomic():
        ensure_editable(application, user)
        stored = _store_files(application, user, section, form.cleaned_data)
        if stored:
            application.save(update_fields=["updated_at"])
    return stored


def remove_partner(application, user, partner_id: int) -> None:
    with transaction.atomic():
        ensure_editable(application, user)
        application.partners.filter(pk=partner_id).delete()


def remove_file(application, user, public_id) -> None:
    """A draft's file may be taken back before submission; submitted material stays on record."""
    with transaction.atomic():
        ensure_editable(application, user)
        if application.status != "draft":
            from services.casework.transitions import TransitionRefused

            raise TransitionRefused("已提交过的材料保留在案，补正时请上传新的材料。")
        CaseFile.for_object(application).filter(public_id=public_id).delete()
