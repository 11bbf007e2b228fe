"""What the applicant is asked to do on a case, for the top of the case page (issue 12, item 5): the
correction list, the rejection reasons, the acceptance deadline, a rectification, with the deadline (the
days left are shown by the deadline engine's `days_left_text` filter)."""

from django.urls import reverse

from services.applications.constants import ApplicationStatus
from services.deadlines import rules as deadlines


def _asked(title, items=(), text="", deadline=None, link="", link_text=""):
    return {
        "title": title,
        "items": list(items),
        "text": text,
        "deadline": deadline,
        "link": link,
        "link_text": link_text,
    }


def asked_of_applicant(application) -> dict | None:
    """The one thing asked of the applicant now, or None."""
    if application.status == ApplicationStatus.RETURNED:
        correction = application.corrections.filter(answered_at__isnull=True).last()
        items = correction.items if correction else []
        return _asked(
            "请按补正通知修改后重新提交",
            items=items,
            text="市市场监管委已一次性列明需补正的事项。修改申报书相应部分后，在“核对信息”页重新提交。",
        )
    if application.status == ApplicationStatus.REJECTED:
        return _asked("未予批准", text=application.rejection_reasons)
    centre = application.centre
    if application.status != ApplicationStatus.APPROVED or centre is None:
        return None
    from services.acceptance.models import AcceptanceApplication

    acceptance = AcceptanceApplication.objects.filter(centre=centre).first()
    if acceptance is None:
        deadline = deadlines.last_day_to_apply_acceptance(centre.construction_end, centre.extended_end)
        return _asked(
            "按期申请验收",
            text="须在筹建期满3个月前（最后一日见下）提交书面验收申请、筹建工作总结报告和后续建设规划（R-21）。",
            deadline=deadline,
            link=reverse("construction:centre", args=[centre.pk]),
            link_text="筹建进展与验收申请",
        )
    return asked_of_acceptance(acceptance)


def asked_of_acceptance(acceptance) -> dict | None:
    """R-25, R-26: the rectification asked of the unit on its acceptance case, with its deadline."""
    from services.acceptance.models import RectificationNotice

    link = reverse("acceptance:detail", args=[acceptance.pk])
    notice = RectificationNotice.objects.filter(application=acceptance).first()
    if acceptance.status == "notice_issued" and notice is not None:
        return _asked(
            f"整改通知书（{notice.number}）",
            text=notice.requirements,
            deadline=notice.deadline,
            link=link,
            link_text="查看验收办件并报告整改结果",
        )
    if acceptance.status == "rectifying":
        return _asked(
            "限期整改",
            text="验收考核得分低于80分，须在整改期限内完成整改并报告整改结果。",
            deadline=acceptance.rectification_deadline,
            link=link,
            link_text="查看验收办件并报告整改结果",
        )
    return None
