"""What the service's 办事指南 promises after a submission: its 办理时限, in the guide's own words.

(The day a working-day time limit ends is not computed here: the working-day calendar lives in
services.ratings, which imports services.hall; reading it from here would make a cycle between the apps.)
"""

from dataclasses import dataclass

from services.hall.flow.spec import Flow


@dataclass(frozen=True)
class Promise:
    time_limit: str  # the guide's words, e.g. 15个工作日
    guide_url: str
    guide_title: str


def guide_of(service):
    from cms_pages.models import ServiceGuidePage

    return ServiceGuidePage.objects.live().public().filter(service=service).first()


def promise(flow: Flow) -> Promise:
    guide = guide_of(flow.service)
    if guide is None:
        return Promise("", "", "")
    return Promise(guide.time_limit, guide.url, guide.title)
