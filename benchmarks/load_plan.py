"""What the load scenario needs from the database (bench_load.py, in a process set up with Django), and the
counts that prove nothing was lost: partner units and attachments of each applicant's draft, before and after.
"""

from accounts.constants import Role

SEARCHES = ["计量数据", "校准证书", "碳计量", "能源", "中心", "申报", "验收", "医疗器械"]
STAFF_PATHS = {
    Role.COMMISSION_OFFICER: [
        ("/commission/", "委：监管总览"),
        ("/commission/applications/", "委：申请队列"),
        ("/commission/workspace/", "委：工作台"),
        ("/commission/construction/", "委：筹建队列"),
        ("/inbox/", "消息"),
    ],
    Role.BUREAU_OFFICER: [
        ("/bureau/", "区局：监管"),
        ("/bureau/construction/", "区局：筹建"),
        ("/bureau/workspace/", "区局：工作台"),
        ("/inbox/", "消息"),
    ],
    Role.EXPERT: [("/expert/", "专家：评审任务"), ("/inbox/", "消息")],
}
STAFF_PATHS[Role.COMMISSION_LEADER] = STAFF_PATHS[Role.COMMISSION_OFFICER]


def _urls(model, limit=None):
    pages = model.objects.live().public().order_by("path")
    return [page.url for page in pages[:limit]]


def pages() -> dict:
    from cms_pages.models import (
        CentreIndexPage,
        CentrePage,
        NewsIndexPage,
        NewsPage,
        PolicyPage,
        ServiceGuideIndexPage,
        ServiceGuidePage,
    )

    return {
        "measures": _urls(PolicyPage, 1)[0],
        "guides": _urls(ServiceGuideIndexPage, 1)[0],
        "guide": _urls(ServiceGuidePage, 10),
        "news": _urls(NewsIndexPage, 1)[0],
        "news_item": _urls(NewsPage, 10),
        "centres": _urls(CentreIndexPage, 1)[0],
        "centre": _urls(CentrePage, 10),
    }


def applicants() -> list[dict]:
    """Every applicant account of the demo with an editable draft of its unit's (one is started if the unit
    has no open application; units whose open case is with the commission are left out)."""
    from accounts import roles
    from accounts.models import User
    from services.applications.constants import EDITABLE_STATUSES
    from services.applications.drafting import start_application
    from services.applications.models import Application

    found = []
    for user in User.objects.filter(membership__isnull=False, is_active=True).order_by("username"):
        if not roles.has_role(user, Role.APPLICANT):
            continue
        organisation = user.membership.organisation
        open_cases = Application.objects.filter(organisation=organisation).open()
        draft = open_cases.filter(status__in=EDITABLE_STATUSES).first()
        if draft is None and not open_cases.exists():
            draft = start_application(user)
        if draft is not None:
            found.append({"username": user.username, "application": draft.pk})
    return found


def staff() -> list[dict]:
    """The demo's commission, bureau and expert accounts with their TOTP device's parameters."""
    from accounts.demo import DEMO_USERS
    from accounts.models import SealedTOTPDevice

    found = []
    for spec in DEMO_USERS:
        if spec.role not in STAFF_PATHS:
            continue
        device = SealedTOTPDevice.objects.filter(user__username=spec.username, confirmed=True).first()
        if device is None:
            continue
        found.append(
            {
                "username": spec.username,
                "key": device.bin_key.hex(),
                "step": device.step,
                "t0": device.t0,
                "digits": device.digits,
                "drift": device.drift,
                "paths": STAFF_PATHS[spec.role],
            }
        )
    return found


def build(password: str) -> dict:
    return {
        "pages": pages(),
        "searches": SEARCHES,
        "applicants": applicants(),
        "staff": staff(),
        "password": password,
    }


def created_keys(application_ids) -> dict[str, set]:
    """What identifies each partner unit (application, credit code) and attachment (application, title) now."""
    from services.applications.constants import FILE_PURPOSE_ATTACHMENT
    from services.applications.models import Application, ApplicationPartner
    from services.files.models import CaseFile

    drafts = Application.objects.filter(pk__in=application_ids)
    partners = ApplicationPartner.objects.filter(application__in=drafts).values_list(
        "application_id", "credit_code"
    )
    files = set()
    for application in drafts:
        titles = (
            CaseFile.for_object(application)
            .filter(purpose=FILE_PURPOSE_ATTACHMENT)
            .values_list("title", flat=True)
        )
        files.update((application.pk, title) for title in titles)
    return {"partner": set(partners), "file": files}
