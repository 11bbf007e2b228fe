"""What the 筹建申请 guide (办事指南) promises, for the confirmation page and the receipt."""

from services.applications import rules
from services.deadlines.clock import beijing_today

GUIDE_SLUG = "construction-application"


def guide_page():
    from cms_pages.models import ServiceGuidePage

    return ServiceGuidePage.objects.live().public().filter(slug=GUIDE_SLUG).first()


def handling_promise(application) -> dict:
    """The guide's 办理时限, and the day by which the commission returns or accepts the application."""
    guide = guide_page()
    submitted_on = beijing_today(application.submitted_at) if application.submitted_at else beijing_today()
    return {
        "time_limit": guide.time_limit if guide else "",
        "guide_url": guide.url if guide else "",
        "acceptance_by": rules.handling_deadline(submitted_on),
        "handling_days": rules.HANDLING_DAYS,
    }
