"""The pages of every flow: the task list (long services), the question page of each section, 核对信息 with
the declaration, the confirmation, and the confirmation before a kept file is removed. Each parses input,
calls the flow's parts and renders; the service's action decides."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from services.casework.actions import ActionRefused
from services.deadlines.clock import beijing_today
from services.hall import catalogue
from services.hall.flow import answers as summary
from services.hall.flow import drafts
from services.hall.flow.flows import FLOWS
from services.hall.flow.promises import promise
from services.hall.flow.submission import (
    DECLARATION_REQUIRED,
    DECLARATION_TEXT,
    SubmitDraft,
    preflight,
)
from services.hall.models import DraftStatus, ServiceDraft


class DeclarationForm(forms.Form):
    declaration_accepted = forms.BooleanField(
        label=DECLARATION_TEXT, required=True, error_messages={"required": DECLARATION_REQUIRED}
    )


def _flow_and_subject(request, flow_key, subject_pk):
    flow = FLOWS.get(flow_key)
    if flow is None:
        raise Http404("没有这项服务。")
    if not catalogue.is_applicant(request.user):
        raise PermissionDenied("本事项由申请单位（建设单位）用户在服务大厅办理。")
    subject = flow.subjects(request.user).filter(pk=subject_pk).first()
    if subject is None:
        raise Http404("没有可以办理本事项的对象，或本事项已经办理。")
    return flow, subject


def url(name, flow, subject, *args) -> str:
    return reverse(f"hall:{name}", args=[flow.key, subject.pk, *args])


def _context(flow, subject, **extra):
    centre = flow.centre_of(subject)
    return {
        "flow": flow,
        "subject": subject,
        "centre": centre,
        "centre_url": reverse("construction:centre", args=[centre.pk]),
        "start_url": url("flow", flow, subject),
        "check_url": url("flow_check", flow, subject),
        "guide": promise(flow),
        **extra,
    }


@login_required
def begin(request, flow, subject):
    """A long service starts on its task list; a short one on its one page."""
    flow, subject = _flow_and_subject(request, flow, subject)
    if not flow.is_long:
        return redirect(url("flow_section", flow, subject, flow.sections[0].slug))
    today, draft = beijing_today(), drafts.open_draft(flow, request.user, subject)
    tasks = [
        {
            "section": s,
            "url": url("flow_section", flow, subject, s.slug),
            "status": drafts.section_status(flow, s, draft, subject, today),
        }
        for s in flow.sections
    ]
    complete = all(t["status"] == drafts.DONE for t in tasks)
    return render(request, "hall/flow/tasks.html", _context(flow, subject, tasks=tasks, complete=complete))


def _add_refusal(form, exc) -> None:
    """A refusal of the service's action, beside its field when it names one on this page."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))


def _complete(flow, draft, subject, today) -> bool:
    return all(drafts.section_status(flow, s, draft, subject, today) == drafts.DONE for s in flow.sections)


@login_required
def section(request, flow, subject, section):
    """One page of questions. 保存并继续 keeps what was typed and every file that passes its check, even
    when something else on the page is refused; a refused file is named with its reason."""
    flow, subject = _flow_and_subject(request, flow, subject)
    part = flow.section(section)
    if part is None:
        raise Http404("没有这一部分。")
    today, user = beijing_today(), request.user
    draft = drafts.open_draft(flow, user, subject)
    status = 200
    if request.method == "POST":
        form = drafts.section_form(flow, part, subject, today, request.POST, uploads=True)
        draft = drafts.draft_for_saving(flow, user, subject)
        drafts.save_answers(draft, drafts.raw_values(form, part.fields))
        before = set(drafts.files_of(draft).values_list("pk", flat=True))
        refused = drafts.keep_files(
            draft,
            part,
            lambda key: request.FILES.getlist(form.add_prefix(drafts.UPLOAD.format(key=key))),
            user,
        )
        valid = form.is_valid()
        for key, items in refused.items():
            form.add_error(drafts.UPLOAD.format(key=key), [item.message for item in items])
        if valid and not refused and _complete(flow, draft, subject, today):
            whole = drafts.whole_form(flow, subject, today, draft.answers)
            whole.is_valid()
            try:
                preflight(flow.action(user, subject, whole.cleaned_data, {}))
            except (ActionRefused, ValidationError) as exc:
                _add_refusal(form, exc)
        if not form.errors:
            following = flow.next_section(part.slug)
            if following is None:
                return redirect(url("flow_check", flow, subject))
            return redirect(url("flow_section", flow, subject, following.slug))
        kept = drafts.files_of(draft).exclude(pk__in=before)
        if kept:
            names = "、".join(f"“{f.display_name}”" for f in kept)
            messages.info(request, f"已保存通过检查的文件：{names}，无需重新选择。")
        status = 400
    else:
        form = drafts.section_form(flow, part, subject, today, uploads=True)
        form.initial = {**flow.initial(subject, today), **(draft.answers if draft else {})}
    kept_files = {
        drafts.UPLOAD.format(key=slot.key): list(drafts.files_of(draft, slot.key)) for slot in part.files
    }
    context = _context(
        flow,
        subject,
        form=form,
        part=part,
        rows=[(bound, kept_files.get(bound.name)) for bound in form],
        is_last=flow.next_section(part.slug) is None,
        draft=draft,
    )
    return render(request, "hall/flow/section.html", context, status=status)


@login_required
def check(request, flow, subject):
    """核对信息: every answer and file with 修改 links, then the declaration and the one submit button."""
    flow_key, subject_pk = flow, subject
    try:
        flow, subject = _flow_and_subject(request, flow, subject)
    except Http404:
        done = _last_submitted(request.user, flow_key, subject_pk)
        if done is None:
            raise
        return redirect("hall:flow_confirmation", pk=done.pk)  # submitted already: its confirmation
    today, user = beijing_today(), request.user
    draft = drafts.open_draft(flow, user, subject)
    if draft is None:
        return redirect(url("flow", flow, subject))
    problems = summary.problems(flow, draft, subject, today, user, url)
    declaration = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not problems and declaration.is_valid():
        action = SubmitDraft(flow, draft, subject, declaration_accepted=True, today=today)
        try:
            action.execute(user)
        except (ActionRefused, ValidationError) as exc:
            _add_refusal(declaration, exc)
        else:
            return redirect("hall:flow_confirmation", pk=action.draft.pk)
    context = _context(
        flow,
        subject,
        sections=summary.rows(flow, draft, subject, today, url),
        problems=problems,
        declaration=declaration,
    )
    return render(request, "hall/flow/check.html", context, status=400 if request.method == "POST" else 200)


def _last_submitted(user, flow_key, subject_pk):
    return (
        ServiceDraft.objects.visible_to(user)
        .filter(flow=flow_key, subject_id=subject_pk, status=DraftStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )


@login_required
def confirmation(request, pk):
    """提交成功: the 办件编号, what happens next and by when, and where to follow the case."""
    draft = ServiceDraft.objects.visible_to(request.user).filter(pk=pk, status=DraftStatus.SUBMITTED).first()
    flow = FLOWS.get(draft.flow) if draft else None
    if flow is None or draft.record is None:
        raise Http404("没有这个办件。")
    record = draft.record
    context = {
        "flow": flow,
        "draft": draft,
        "number": flow.number(record),
        "case_url": flow.case_url(record),
        "promise": promise(flow),
        "facts": flow.facts(record),
    }
    return render(request, "hall/flow/confirmation.html", context)


@login_required
def remove_file(request, flow, subject, public_id):
    """Taking back a kept file asks for confirmation first (GET: the question; POST: the removal)."""
    flow, subject = _flow_and_subject(request, flow, subject)
    draft = drafts.open_draft(flow, request.user, subject)
    case_file = drafts.files_of(draft).filter(public_id=public_id).first()
    if case_file is None:
        raise Http404("没有这个文件。")
    part = flow.section_of_slot(case_file.purpose) or flow.sections[0]
    back = url("flow_section", flow, subject, part.slug)
    if request.method == "POST":
        case_file.delete()
        messages.success(request, f"已删除“{case_file.display_name}”。")
        return redirect(back)
    return render(request, "hall/flow/remove.html", _context(flow, subject, case_file=case_file, back=back))
