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
                if data.get(f"{code}_file"):
                    files.store(
                        data[f"{code}_file"], owner=application, purpose=condition_purpose(code), user=user
                    )
            application.save(update_fields=["updated_at"])
        elif section == Section.ATTACHMENTS:
            if data.get("file"):
                files.store(data["file"], owner=application, purpose=FILE_PURPOSE_ATTACHMENT, user=user)
                application.save(update_fields=["updated_at"])


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
