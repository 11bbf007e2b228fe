"""Demo step: every demo centre's history, produced by the real actions under a controlled clock.

Nothing here writes a status. Each centre is applied for, reviewed and approved with a task book (R-14),
then, as its story needs, accepted and established (R-21 … R-27), put into rectification (R-25), given an
extension (R-22), flagged as lapsed (R-23) or revoked (R-23, R-35); established centres report every year
through supervision's own action (R-30, services.supervision.demo.annual_reports).
"Today" for each step is set with the training clock (settings.PORTAL_TODAY, services/deadlines/clock.py) or
the action's own `today`. The stories are dated from the demo's today, so the states stay true on any day.

Idempotent: a centre whose unit already has a centre of that name is left as it is (a user's journey through
the demo may have moved it on). Needs the demo users of "accounts.demo" and the units of "cms_pages.demo".
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from accounts.constants import UnitType
from accounts.demo import UNITS, DemoUnit, applicant_user, ensure_unit, ensure_user
from accounts.models import Organisation, User
from cms_pages.demo.upsert import read_items
from cms_pages.models import CentrePage
from services.centres.constants import CentreStatus
from services.centres.models import Centre
from services.deadlines import clock
from services.deadlines import rules as deadlines
from services.supervision import demo as supervision_demo

# The demo's builders beyond those of the public centre pages (cms_pages/data/demo/centres.json).
EXTRA = [
    {
        "story": "rectifying",
        "name": "天津市新材料计量数据建设应用中心",
        "unit_name": "天津津材检测技术有限公司",
        "credit_code": "91120116MA08N4XC24",
        "district_code": "120116",
        "key_fields": ["新材料"],
    },
    {
        "story": "extended",
        "name": "天津市航空航天计量数据建设应用中心",
        "unit_name": "天津航宇精密测试有限公司",
        "credit_code": "91120111MA07P6HB5K",
        "district_code": "120111",
        "key_fields": ["航空航天", "高端装备"],
    },
    {
        "story": "lapsed",
        "name": "天津市生物技术计量数据建设应用中心",
        "unit_name": "天津康桥生物计量技术有限公司",
        "credit_code": "91120104MA06W2ER1P",
        "district_code": "120104",
        "key_fields": ["生物技术"],
    },
    {
        "story": "revoked",
        "name": "天津市生态环境监测计量数据建设应用中心",
        "unit_name": "天津北辰环境监测技术有限公司",
        "credit_code": "91120113MA09D7KT34",
        "district_code": "120113",
        "key_fields": ["生态环境"],
    },
]
# The demo units of accounts.demo (with their administrators), by credit code; every other demo unit's
# administrator is "unit<last six characters of the credit code>.admin" (accounts.demo.DemoUnit).
KNOWN_UNITS = {unit.credit_code: unit for unit in UNITS}
EXPERTS = ("expert.qian", "expert.li", "expert.he", "expert.ma", "expert.lin", "expert.gao")
TEXTS = {
    "written_application": "我单位已按筹建任务书完成筹建任务，申请验收考核。（演示）",
    "summary_report": "筹建工作总结：建成计量数据资源库，形成数据共享目录和技术规范草案。（演示）",
    "follow_up_plan": "后续建设规划：扩大数据汇聚范围，开展应用示范。（演示）",
}


# The state a public centre page of centres.json asks for -> the story that leads there.
JSON_STORY = {CentreStatus.ESTABLISHED: "established", CentreStatus.REVOKED: "revoked_centre"}


@dataclass
class Story:
    name: str
    unit: Organisation
    key_fields: list[str]
    story: str
    established_on: date | None = None


def run(progress) -> None:
    people = _people()
    if people is None:
        progress.step("未找到 accounts.demo 的演示账户，跳过中心历史演示数据。")
        return
    today = clock.beijing_today()
    stories = _stories()
    for done, story in enumerate(stories, start=1):
        if Centre.objects.filter(organisation=story.unit, name=story.name).exists():
            progress.count(done, len(stories), f"{story.name}（已存在）")
            continue
        applicant = _applicant(story.unit)
        centre = _approve(story, applicant, people, today)
        TELL[story.story](centre, applicant, people, today, story)
        centre.refresh_from_db()
        progress.count(done, len(stories), f"{story.name}（{centre.get_status_display()}）")


def _people():
    names = ["commission.officer", "commission.leader", *EXPERTS]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    return users if len(users) == len(names) else None


def _stories() -> list[Story]:
    stories = []
    for item in read_items("centres"):
        stories.append(
            Story(
                item["name"],
                _unit(item),
                item["key_fields"],
                JSON_STORY.get(item["status"], "constructing"),
                date.fromisoformat(item["established_on"]) if item.get("established_on") else None,
            )
        )
    for item in EXTRA:
        stories.append(Story(item["name"], _unit(item), item["key_fields"], item["story"]))
    return stories


def _unit(item) -> Organisation:
    code = item["credit_code"]
    unit_type = item.get("unit_type", UnitType.ENTERPRISE)
    return ensure_unit(
        DemoUnit(code, item["unit_name"], item["district_code"], unit_type, admin=_admin(code))
    )


def _admin(credit_code: str) -> str:
    known = KNOWN_UNITS.get(credit_code)
    return known.admin_username if known else ""


def _unit_spec(unit: Organisation) -> DemoUnit:
    """accounts.demo's spec of a known unit; the same shape, with the default administrator, for the others."""
    return KNOWN_UNITS.get(unit.credit_code) or DemoUnit(unit.credit_code, unit.name, "")


def _applicant(unit: Organisation) -> User:
    return ensure_user(applicant_user(_unit_spec(unit)), {unit.credit_code: unit})


def _experts(people, key_fields) -> list[User]:
    """Two experts of the centre's fields (none of them works for a demo builder, R-11)."""
    from accounts.models import ExpertProfile

    names = list(
        ExpertProfile.objects.filter(user__username__in=EXPERTS, key_fields__name__in=key_fields)
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .distinct()
    )
    names += [name for name in EXPERTS if name not in names]
    return [people[name] for name in names[:2]]


def _approve(story: Story, applicant, people, today) -> Centre:
    """R-10 … R-14: the application, its review and the approval with a task book, on the story's dates."""
    from services.applications import actions
    from services.reviews.demo import fill, review

    approved_on, end = _period(story, today)
    with clock.training_day(approved_on - timedelta(days=40)):
        application = actions.start_application(applicant)
        fill(application, applicant, story.name, story.key_fields)
        application = actions.Submit(application, declaration_accepted=True).execute(applicant)
        expert = _experts(people, story.key_fields)[0]
        application = review(
            application, people, expert.username, "approve", reviewed_on=approved_on - timedelta(days=30)
        )
    with clock.training_day(approved_on):
        actions.Approve(
            application,
            approved_on=approved_on,
            construction_end=end,
            targets="建成服务本领域的计量数据建设应用中心，形成数据共享目录和应用示范。",
            tasks="一是汇聚计量数据；二是开发数据应用；三是制定数据规范。",
        ).execute(people["commission.leader"])
    application.refresh_from_db()
    centre = application.centre
    _link_page(story.name, centre)
    return centre


def _link_page(name: str, centre) -> None:
    """The demo's public profile page (cms_pages.demo) is this centre's page (R-27): in the record and in its
    latest revision, so that a later load of the pages sees nothing to change."""
    for page in CentrePage.objects.filter(centre__isnull=True, title=name):
        CentrePage.objects.filter(pk=page.pk).update(centre=centre)
        draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        draft.centre = centre
        draft.save_revision()


def _period(story: Story, today: date) -> tuple[date, date]:
    """The approval date and the end of construction each story needs (R-14: at most 3 years)."""
    if story.story in ("established", "revoked_centre"):
        approved_on = deadlines.add_years(story.established_on, -2)
    elif story.story == "constructing":
        approved_on = today - timedelta(days=90)
    elif story.story == "rectifying":
        approved_on = deadlines.add_months(today, -30)
    elif story.story == "extended":
        approved_on = deadlines.add_months(today, -34)  # ends in 2 months: past the last day to apply
    else:  # lapsed, revoked: the period ended last month
        approved_on = deadlines.add_years(today - timedelta(days=20), -3)
    return approved_on, deadlines.add_years(approved_on, 3) - timedelta(days=1)


def _assess(centre, applicant, people, applied_on: date, total: str, conclude=True):
    """R-21, R-24, R-25: the acceptance application, the group, the four stages, the scores, the conclusion."""
    from services.acceptance.actions import (
        ApplyForAcceptance,
        AppointGroup,
        Conclude,
        RecordScores,
        RecordStage,
    )

    application = ApplyForAcceptance(applicant, centre, texts=TEXTS, today=applied_on).run()
    experts = _experts(people, list(centre.key_fields.values_list("name", flat=True)))
    AppointGroup(
        people["commission.officer"],
        application,
        experts=experts,
        leader=experts[0],
        today=applied_on + timedelta(days=5),
    ).run()
    application.refresh_from_db()
    leader, day = experts[0], applied_on + timedelta(days=15)
    for kind in ("first_meeting", "onsite", "deliberation"):
        RecordStage(
            leader,
            application,
            kind=kind,
            held_on=day,
            attendees="考核组全体；建设单位负责人（演示）",
            minutes="按考核内容逐项核查。（演示）",
            today=day,
        ).run()
        day += timedelta(days=1)
    RecordScores(leader, application, points=_points(application, Decimal(total)), today=day).run()
    RecordStage(
        leader,
        application,
        kind="final_meeting",
        held_on=day,
        attendees="考核组；建设单位（演示）",
        minutes="通报考核情况和结论。（演示）",
        unit_opinion="无异议",
        today=day,
    ).run()
    if conclude:
        Conclude(people["commission.officer"], application, today=day).run()
    application.refresh_from_db()
    return application, day


def _points(application, total: Decimal) -> dict:
    points, left = {}, total
    for item in application.template.items.all():
        give = min(item.max_points, left)
        points[item.pk] = str(give)
        left -= give
    return points


def _established(centre, applicant, people, today, story):
    """R-24 … R-27, then R-30: accepted and established; the annual reports due until `today`."""
    from services.acceptance.actions import Establish

    applied_on = story.established_on - timedelta(days=60)
    application, _ = _assess(centre, applicant, people, applied_on, "88.5")
    Establish(people["commission.leader"], application, today=story.established_on).run()
    centre.refresh_from_db()
    supervision_demo.annual_reports(centre, applicant, today)


def _revoked_centre(centre, applicant, people, today, story):
    """R-35: established, then revoked for a serious violation (its page says so; its history stays); it
    reported only for the years due before the revocation."""
    from services.supervision.actions import Revoke

    revoked_on = min(today, story.established_on + timedelta(days=60))
    _established(centre, applicant, people, revoked_on, story)
    with clock.training_day(revoked_on):
        Revoke(
            people["commission.leader"],
            centre=centre,
            article="article_20",
            reasons="演示：存在严重违法违规行为，经查证属实。",
        ).execute()


def _constructing(centre, applicant, people, today, story):
    """Under construction with days left (R-21): nothing more has happened yet."""


def _rectifying(centre, applicant, people, today, story):
    """R-25: scored below 80 in the first round; rectification within 3 months of the final meeting."""
    _assess(centre, applicant, people, today - timedelta(days=45), "72")


def _extended(centre, applicant, people, today, story):
    """R-22: asked for an extension by the last day; the commission agreed to one year more."""
    from services.construction.actions import DecideExtension, RequestExtension

    asked_on = deadlines.last_day_to_apply(centre.construction_end) - timedelta(days=10)
    request = RequestExtension(
        applicant,
        centre,
        reason="关键设备到货延迟，筹建任务无法按期完成。（演示）",
        proposed_assessment_on=deadlines.add_months(centre.construction_end, 9),
        today=asked_on,
    ).run()
    DecideExtension(
        people["commission.leader"],
        request,
        approve=True,
        new_end=deadlines.extended_end_latest(centre.construction_end),
        today=asked_on + timedelta(days=7),
    ).run()


def _lapsed(centre, applicant, people, today, story):
    """R-23: the period ended with neither application nor extension; flagged the day after."""
    from services.construction.actions import FlagLapse

    FlagLapse(centre, today=deadlines.lapse_flag_day(centre.construction_end)).run()


def _revoked(centre, applicant, people, today, story):
    """R-23: lapsed, and the commission confirmed the revocation of the construction qualification."""
    from services.construction.actions import RevokeConstruction

    _lapsed(centre, applicant, people, today, story)
    centre.refresh_from_db()
    RevokeConstruction(
        people["commission.leader"],
        centre,
        reason="筹建期满未申请验收，也未获准延期。（演示）",
        today=deadlines.lapse_flag_day(centre.construction_end) + timedelta(days=5),
    ).run()


TELL = {
    "established": _established,
    "constructing": _constructing,
    "rectifying": _rectifying,
    "extended": _extended,
    "lapsed": _lapsed,
    "revoked": _revoked,
    "revoked_centre": _revoked_centre,
}
