"""The answers and files of a flow kept between pages (services.hall.models.ServiceDraft).

Answers are kept as typed (the raw values of the fields), so a page shows them again exactly, and the
same values bound to the service's form give the cleaned data the action takes. Files are checked one by
one when chosen: each that passes is stored on the draft at once, each that is refused is named with its
reason, and the others of the same save are kept.
"""

from dataclasses import dataclass

from django import forms
from django.core.files.base import File
from django.db import transaction

from accounts.roles import organisation_id
from services.files.models import CaseFile
from services.files.service import FileRefused, check_upload, store
from services.hall.flow.spec import Flow, Section, prepare
from services.hall.models import DraftStatus, ServiceDraft

NOT_STARTED, IN_PROGRESS, DONE = "未开始", "未完成", "已完成"


def open_draft(flow: Flow, user, subject) -> ServiceDraft | None:
    return ServiceDraft.objects.filter(
        flow=flow.key,
        subject_id=subject.pk,
        organisation_id=organisation_id(user),
        status=DraftStatus.OPEN,
    ).first()


def draft_for_saving(flow: Flow, user, subject) -> ServiceDraft:
    draft = open_draft(flow, user, subject)
    if draft is None:
        draft, _ = ServiceDraft.objects.get_or_create(
            flow=flow.key,
            subject_id=subject.pk,
            organisation_id=organisation_id(user),
            status=DraftStatus.OPEN,
            defaults={"created_by": user},
        )
    return draft


def raw_values(form, names) -> dict:
    """What was typed into the fields `names` of a bound form, as the widgets read it."""
    return {
        name: form.fields[name].widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name in names
        if name in form.fields
    }


UPLOAD = "upload_{key}"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class UploadField(forms.Field):
    """A file input of the design system whose files the flow checks and keeps itself (keep_files)."""

    widget = MultipleFileInput

    def clean(self, value):
        return None


def section_form(flow: Flow, section: Section, subject, today, data=None, uploads=False):
    """The section's fields of the service's form; with `uploads`, one file input per file slot."""
    form = prepare(flow, flow.make_form(subject, data), section.fields, subject, today)
    if uploads:
        for slot in section.files:
            form.fields[UPLOAD.format(key=slot.key)] = UploadField(
                label=slot.label, help_text=slot.hint, required=False
            )
    return form


def whole_form(flow: Flow, subject, today, answers: dict):
    """Every field of the flow bound to the kept answers: for 核对信息 and the submission."""
    form = flow.make_form(subject, answers)
    return prepare(flow, form, flow.field_names, subject, today)


def files_of(draft: ServiceDraft | None, key: str | None = None):
    if draft is None:
        return CaseFile.objects.none()
    return CaseFile.for_object(draft, key)


@dataclass
class Refused:
    name: str
    reason: str

    @property
    def message(self) -> str:
        return f"文件“{self.name}”未能上传：{self.reason}"


def keep_files(draft: ServiceDraft, section: Section, uploads_of, user) -> dict[str, list[Refused]]:
    """Store every upload of the section that passes its check; return the refused ones by slot."""
    refused: dict[str, list[Refused]] = {}
    with transaction.atomic():
        for slot in section.files:
            for upload in uploads_of(slot.key):
                try:
                    check_upload(upload)
                except FileRefused as exc:
                    refused.setdefault(slot.key, []).append(Refused(upload.name, str(exc)))
                    continue
                store(upload, owner=draft, purpose=slot.key, user=user)
    return refused


def save_answers(draft: ServiceDraft, values: dict) -> None:
    draft.answers = {**draft.answers, **values}
    draft.save(update_fields=["answers", "updated_at"])


def section_status(flow: Flow, section: Section, draft, subject, today) -> str:
    """未开始 / 未完成 / 已完成, by the same form checks that gate 核对信息 and the submission."""
    answers = draft.answers if draft else {}
    typed = any(_has_value(answers.get(name)) for name in section.fields)
    has_files = any(files_of(draft, slot.key).exists() for slot in section.files)
    if not typed and not has_files:
        return NOT_STARTED
    return DONE if section_form(flow, section, subject, today, answers).is_valid() else IN_PROGRESS


def _has_value(value) -> bool:
    if isinstance(value, list | tuple):
        return any(_has_value(v) for v in value)
    return value not in (None, "")


def reopened(draft: ServiceDraft) -> dict[str, list[File]]:
    """The draft's files, opened again as uploads for the service's action, by slot."""
    files: dict[str, list[File]] = {}
    for case_file in files_of(draft):
        handle = case_file.content.open("rb")
        files.setdefault(case_file.purpose, []).append(File(handle, name=case_file.original_name))
    return files
