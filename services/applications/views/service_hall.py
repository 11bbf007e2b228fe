"""The service hall's 申报书 pages (/service-hall/applications/<pk>/...): the task list's section pages and
the documents. 我的办件 and the case page read other services too: they are services.hall.case_pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts import roles
from accounts.constants import Role
from services.applications import actions, editing, progress
from services.applications.constants import Section
from services.applications.documents import document_response
from services.applications.forms import SECTION_FORMS
from services.applications.models import Application
from services.applications.views.common import case_context
from services.casework.transitions import TransitionRefused

# Sections that add one item per save ("add another"); 保存并继续 with nothing typed goes on.
ADD_ANOTHER = (Section.PARTNERS, Section.ATTACHMENTS)


def own_applications(user):
    """The applicant's unit's applications (starting from visible_to)."""
    if not roles.has_role(user, Role.APPLICANT) or roles.organisation_id(user) is None:
        return Application.objects.none()
    return Application.objects.visible_to(user).filter(organisation_id=roles.organisation_id(user))


def get_own(request, pk) -> Application:
    return get_object_or_404(own_applications(request.user), pk=pk)


def _form_kwargs(form_class, application, section):
    if section == Section.ATTACHMENTS:
        return {}
    return {"instance": application} if hasattr(form_class, "_meta") else {"application": application}


def _after(application, section):
    following = progress.next_section(section)
    if following is None:
        return redirect("service_hall:submit", pk=application.pk)
    return redirect("service_hall:section", pk=application.pk, section=following)


@login_required
def section(request, pk, section):
    """One section of the 申报书. 保存并继续 saves and goes on to the next section; on any error the page
    comes back with everything typed, and the files that passed their check are kept (listed as uploaded)."""
    application = get_own(request, pk)
    if section not in Section.values:
        raise Http404("没有这一部分。")
    form_class = SECTION_FORMS[section]
    editable = actions.is_editable_by(application, request.user)
    kwargs = _form_kwargs(form_class, application, section)
    status = 200
    if request.method == "POST" and editable:
        form = form_class(request.POST, request.FILES, **kwargs)
        going_on = "continue" in request.POST
        if going_on and section in ADD_ANOTHER and form.is_empty():
            return _after(application, section)
        if form.is_valid():
            try:
                editing.save_section(application, request.user, section, form)
            except TransitionRefused as exc:
                form.add_error(None, str(exc))
            else:
                if going_on:
                    return _after(application, section)
                messages.success(request, "已添加。" if section in ADD_ANOTHER else "已保存。")
                return redirect("service_hall:section", pk=pk, section=section)
        else:
            kept = editing.keep_accepted_files(application, request.user, section, form)
            if kept:
                names = "、".join(f"“{f.display_name}”" for f in kept)
                messages.info(request, f"已保存通过检查的文件：{names}，无需重新选择。")
        status = 400
    else:
        if request.method == "POST":
            messages.error(request, f"申请当前状态为“{application.status_label}”，不能修改。")
        form = form_class(**kwargs)
    return render(
        request,
        "applications/service_hall/section.html",
        {
            **case_context(application),
            "form": form,
            "section": section,
            "section_label": Section(section).label,
            "editable": editable,
            "add_another": section in ADD_ANOTHER,
            "is_last": progress.next_section(section) is None,
        },
        status=status,
    )


@login_required
def document(request, pk, kind):
    return document_response(request, get_own(request, pk), kind)
