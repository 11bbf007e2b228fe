"""Demo step of supervision: the established demo centres' annual reports (R-30), and a daily inspection by
the district bureau that found problems, its rectification notice and the centre's report on what it did
(R-32).

Every record comes from supervision's own action (services.supervision.actions) under the training clock
(services.deadlines.clock.training_day), so each carries what its action leaves: the person who acted and
the notification of its event (R-41); nothing here creates a supervision record itself. The annual reports
of a centre's story (portal.demo_centres) come from `annual_reports` below, the same function.

Idempotent: a centre that has an annual report keeps the ones it has (its story's, or a user's); the
inspection is told once (found by its demo marker), and not at all where a user already inspected the centre.
"""

from datetime import date, timedelta

from accounts.constants import Role
from accounts.models import User
from services.centres.constants import CentreStatus
from services.centres.models import Centre
from services.deadlines import clock
from services.deadlines import rules as deadlines
from services.supervision import recipients
from services.supervision.actions import (
    RecordFollowUp,
    RecordInspection,
    RequestRectification,
    SubmitAnnualReport,
)
from services.supervision.constants import Conclusion, FollowUpOutcome
from services.supervision.models import AnnualReport, Inspection

DEMO_MARKER = "（演示数据）"
CENTRES_WITH_RECORDS = 3
ON_TIME = (11, 20)  # reported on 20 November
LATE = (12, 5)  # after November, accepted and marked late


def run(progress) -> None:
    today = clock.beijing_today()
    established = (
        Centre.objects.filter(status=CentreStatus.ESTABLISHED, established_on__isnull=False)
        .select_related("organisation")
        .order_by("name")
    )
    centres = list(established[:CENTRES_WITH_RECORDS])
    if not centres:
        progress.step("没有已成立的演示中心，跳过监督管理演示数据")
        return
    for done, centre in enumerate(centres, start=1):
        member = centre_member(centre)
        if member is not None and not centre.annual_reports.exists():
            past = [y for y in deadlines.annual_report_years(centre.established_on, today) if y < today.year]
            # the first centre reported its last past year late
            annual_reports(centre, member, today, late_year=past[-1] if done == 1 and past else None)
        progress.count(done, len(centres), f"年度工作总结报告 {centre.name}")
    told = _inspection_story(established, today)
    progress.step(f"日常监督检查与整改通知：{told.name}" if told else "日常监督检查与整改通知（已存在）")


def centre_member(centre) -> User | None:
    """The member of the centre's unit who reports for it (R-30, R-31)."""
    return (
        User.objects.filter(
            is_active=True, membership__organisation=centre.organisation, groups__name=Role.APPLICANT
        )
        .order_by("pk")
        .first()
    )


def annual_reports(centre, member, until: date, *, late_year: int | None = None) -> list[AnnualReport]:
    """R-30: through SubmitAnnualReport, the report of every year due from the centre's establishment until
    `until`, each on 20 November (on the day of establishment, if later), `late_year`'s on 5 December; a
    year already reported, or whose day is still to come, is passed over."""
    reports = []
    reported = set(centre.annual_reports.values_list("year", flat=True))
    for year in deadlines.annual_report_years(centre.established_on, until):
        month, day = LATE if year == late_year else ON_TIME
        submitted_on = max(date(year, month, day), centre.established_on)
        if year in reported or submitted_on > until:
            continue
        with clock.training_day(submitted_on):
            report = SubmitAnnualReport(
                member,
                centre=centre,
                year=year,
                summary=f"{year}年度，{centre.name}完成计量数据资源汇聚与共享服务，服务企业二十余家。{DEMO_MARKER}",
                services_provided="开展数据服务、技术咨询和培训。",
            ).execute()
        reports.append(report)
    return reports


def _inspection_story(centres, today: date):
    """R-32: the first established centre (by name) with a bureau in its district is inspected; problems are
    found and rectification asked for within 90 days; 20 days on, the centre reports what it did (the bureau's
    check is left to the user)."""
    if Inspection.objects.filter(items_checked__endswith=DEMO_MARKER).exists():
        return None
    for centre in centres:
        officers, member = recipients.bureau_staff(centre), centre_member(centre)
        if officers and member is not None and not centre.inspections.exists():
            break
    else:
        return None
    officer = min(officers, key=lambda user: user.pk)
    inspected_on = max(centre.established_on, today - timedelta(days=30))
    with clock.training_day(inspected_on):
        inspection = RecordInspection(
            officer,
            centre=centre,
            inspected_on=inspected_on,
            inspectors=f"{officer}、赵丽（演示）",
            items_checked=f"数据资源管理制度、服务记录、网络与数据安全设施{DEMO_MARKER}",
            findings="服务记录不完整，部分数据共享协议未归档。",
            conclusion=Conclusion.RECTIFY,
        ).execute()
        rectification = RequestRectification(
            officer,
            inspection=inspection,
            requirements="补齐2025年以来的服务记录，归档全部数据共享协议。",
            deadline=inspected_on + timedelta(days=90),
        ).execute()
    reported_on = inspected_on + timedelta(days=20)
    if reported_on <= today:
        with clock.training_day(reported_on):
            RecordFollowUp(
                member,
                rectification=rectification,
                outcome=FollowUpOutcome.REPORTED,
                note="已补齐服务记录，数据共享协议已全部归档。（演示）",
            ).execute()
    return centre
