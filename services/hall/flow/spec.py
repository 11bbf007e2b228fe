"""What a service's flow declares, and the generic form preparation every flow shares.

A flow borrows its service's existing form (the one its old single page used) and takes from it the
fields of each section; file fields are left out, because the flow keeps files itself (drafts.py). The
form is prepared the same way for every service: the fields the action requires are marked required with
a message that names them, and free text without a limit gets one, so over-long text is refused with a
Chinese message beside the field.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.validators import MaxLengthValidator

from services.reference.applicant_services import Service

TEXT_MAX = 5000  # characters of one free-text answer where the service's form sets no limit
TEXT_TOO_LONG = "“{label}”不能超过{limit}个字（目前为{count}个字）。"


@dataclass(frozen=True)
class FileSlot:
    """One kind of file a section takes: `key` is the file's purpose and the action's name for it."""

    key: str
    label: str
    hint: str = "可选择多个文件。支持 PDF、Word、Excel、图片等，单个文件不超过规定大小。"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    fields: tuple[str, ...]
    files: tuple[FileSlot, ...] = ()
    intro: str = ""


@dataclass(frozen=True)
class Flow:
    """One applicant service as the hall runs it.

    subjects(user): the objects this user's unit may start the service for now (the same statuses the
    action's transition table allows; the action still refuses what is not allowed).
    make_form(subject, data): the service's form, bound to data (or unbound for None).
    action(user, subject, cleaned, files): the service's existing action, built but not run.
    number(record): the 办件编号 the applicant follows the case with.
    case_url(record): the page where the case is followed.
    centre_of(subject): the centre the subject belongs to (for the receipt and the page heading).
    """

    key: str
    service: Service
    title: str
    sections: tuple[Section, ...]
    subjects: Callable
    make_form: Callable
    action: Callable
    number: Callable
    case_url: Callable
    centre_of: Callable = lambda subject: subject
    required: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    hints: Callable = lambda subject, today: {}
    initial: Callable = lambda subject, today: {}
    facts: Callable = lambda record: []
    start_label: str = ""
    # the applicant's words for fields that the staff's forms name otherwise
    labels: dict = field(default_factory=dict)

    @property
    def is_long(self) -> bool:
        """A task list of sections; a short service is one page, then 核对信息."""
        return len(self.sections) > 1

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)

    def next_section(self, slug: str) -> Section | None:
        slugs = [s.slug for s in self.sections]
        index = slugs.index(slug) + 1
        return self.sections[index] if index < len(slugs) else None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(name for s in self.sections for name in s.fields)

    @property
    def slots(self) -> tuple[FileSlot, ...]:
        return tuple(slot for s in self.sections for slot in s.files)

    def section_of_field(self, name: str) -> Section | None:
        return next((s for s in self.sections if name in s.fields), None)

    def section_of_slot(self, key: str) -> Section | None:
        return next((s for s in self.sections if key in {slot.key for slot in s.files}), None)


def required_message(form_field: forms.Field) -> str:
    if isinstance(form_field, forms.ChoiceField):
        return f"请选择“{form_field.label}”。"
    return f"请填写“{form_field.label}”。"


def prepare(flow: Flow, form: forms.BaseForm, names, subject, today) -> forms.BaseForm:
    """The service's form cut down to `names`, with required marks, named messages, limits and hints."""
    for name in list(form.fields):
        if name not in names:
            del form.fields[name]
    hints = flow.hints(subject, today)
    for name, form_field in form.fields.items():
        if name in flow.labels:
            form_field.label = flow.labels[name]
        if name in flow.required:
            form_field.required = True
        if form_field.required:
            form_field.error_messages["required"] = required_message(form_field)
        if isinstance(form_field, forms.CharField) and form_field.max_length is None:
            form_field.max_length = TEXT_MAX
            form_field.validators.append(LimitValidator(TEXT_MAX, form_field.label))
        if name in hints:
            form_field.help_text = hints[name]
    return form


class LimitValidator(MaxLengthValidator):
    def __init__(self, limit, label):
        super().__init__(limit)
        self.label = label

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise forms.ValidationError(
                TEXT_TOO_LONG.format(label=self.label, limit=self.limit_value, count=len(value)),
                code="max_length",
            )

    def __eq__(self, other):
        return isinstance(other, LimitValidator) and self.limit_value == other.limit_value
