"""核对信息: every answer and every file of a draft, each with its 修改 link, and what still stands in the
way of submission (sections not done, and the service's own refusals), each linked to its field."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from services.casework.actions import ActionRefused
from services.deadlines.formatting import cn_date
from services.hall.flow import drafts
from services.hall.flow.submission import preflight

EMPTY = "未填写"


def display(form, name: str, raw) -> str:
    """An answer as the applicant chose it: the choice's label, a date in words, 未填写 for nothing."""
    field = form.fields[name]
    value = form.cleaned_data.get(name, raw) if hasattr(form, "cleaned_data") else raw
    if value in (None, "", []):
        return EMPTY
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, date):
        return cn_date(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def rows(flow, draft, subject, today, url) -> list[dict]:
    form = drafts.whole_form(flow, subject, today, draft.answers)
    form.is_valid()
    sections = []
    for part in flow.sections:
        page = url("flow_section", flow, subject, part.slug)
        answers = [
            {
                "key": form.fields[name].label,
                "value": display(form, name, draft.answers.get(name)),
                "url": f"{page}#{form[name].auto_id}",
            }
            for name in part.fields
            if name in form.fields
        ]
        files = [
            {
                "key": slot.label,
                "files": list(drafts.files_of(draft, slot.key)),
                "url": f"{page}#id_{drafts.UPLOAD.format(key=slot.key)}",
            }
            for slot in part.files
        ]
        sections.append({"section": part, "answers": answers, "files": files})
    return sections


def problems(flow, draft, subject, today, user, url) -> list[dict]:
    """What must be done before submission, each with the link to where it is done."""
    found = [
        {"message": f"“{part.title}”尚未完成。", "url": url("flow_section", flow, subject, part.slug)}
        for part in flow.sections
        if drafts.section_status(flow, part, draft, subject, today) != drafts.DONE
    ]
    if found:
        return found
    form = drafts.whole_form(flow, subject, today, draft.answers)
    form.is_valid()
    try:
        preflight(flow.action(user, subject, form.cleaned_data, {}))
    except ValidationError as exc:
        for name, messages in (
            exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        ).items():
            part = flow.section_of_field(name) or flow.sections[0]
            anchor = f"#id_{name}" if name in form.fields else ""
            found += [
                {"message": m, "url": url("flow_section", flow, subject, part.slug) + anchor}
                for m in messages
            ]
    except ActionRefused as exc:
        found.append({"message": str(exc), "url": url("flow_section", flow, subject, flow.sections[0].slug)})
    return found
