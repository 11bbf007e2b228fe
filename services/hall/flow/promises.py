"""What the service's 办事指南 promises after a submission: its 办理时限 and, where it is counted in working
days, the day it ends (counted from the day after submission, on the Chinese holiday calendar)."""

import re
from dataclasses import dataclass
from datetime import date

from services.hall.flow.spec import Flow

WORKING_DAYS = re.compile(r"(\d+)\s*个?工作日")


@dataclass(frozen=True)
class Promise:
    time_limit: str  # the guide's words, e.g. 15个工作日
    ends_on: date | None  # the last day of that time limit, when it is counted in working days
    guide_url: str
    guide_title: str


def guide_of(service):
    from cms_pages.models import ServiceGuidePage

    return ServiceGuidePage.objects.live().public().filter(service=service).first()


def ends_on(time_limit: str, submitted_on: date) -> date | None:
    """The last working day of the guide's time limit, or None when it is not counted in working days or
    the holiday calendar does not reach that far (services.ratings.workdays raises a clear error then)."""
    from services.ratings.workdays import CalendarNotAvailable, add_working_days

    match = WORKING_DAYS.search(time_limit or "")
    if match is None or int(match[1]) < 1:
        return None
    try:
        return add_working_days(submitted_on, int(match[1]))
    except CalendarNotAvailable:
        return None


def promise(flow: Flow, submitted_on: date) -> Promise:
    guide = guide_of(flow.service)
    if guide is None:
        return Promise("", None, "", "")
    return Promise(guide.time_limit, ends_on(guide.time_limit, submitted_on), guide.url, guide.title)
