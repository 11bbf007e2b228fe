"""The public 办件进度查询 (issue 12, item 7): a case looked up by its number and its unit's credit code.

Nothing here says whether a number exists: a wrong pair and an unknown number both give None, so cases
cannot be enumerated. The result carries only the status and the public wording of the timeline (R-40's
public_wording), never a name, a reason or a person.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from services.deadlines.clock import BEIJING

CASE_NUMBER = re.compile(r"JLSJ-\d{4}-\d{4,}")
# Dashes people type or paste instead of "-": full-width, en and em dashes, minus signs, the ideographic dash.
DASHES = str.maketrans({c: "-" for c in "－‐‑‒–—―−﹣〜～"})


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), every dash to "-", spaces of any width removed, upper case."""
    text = unicodedata.normalize("NFKC", text or "").translate(DASHES)
    return re.sub(r"\s+", "", text).upper()


def looks_like_case_number(text: str) -> bool:
    return bool(CASE_NUMBER.fullmatch(text))


@dataclass(frozen=True)
class Step:
    day: date
    wording: str


@dataclass(frozen=True)
class Progress:
    case_number: str
    service: str
    status: str
    steps: list[Step]


def lookup(case_number: str, credit_code: str) -> Progress | None:
    """The public progress of the case, or None for an unknown number or a pair that does not match."""
    from services.applications.models import Application
    from services.casework.models import CaseEvent

    application = (
        Application.objects.filter(
            case_number=normalise(case_number), organisation__credit_code=normalise(credit_code)
        )
        .only("pk", "case_number", "status")
        .first()
    )
    if application is None:
        return None
    steps = [
        Step(timezone.localtime(event.created_at, BEIJING).date(), event.public_wording)
        for event in CaseEvent.for_object(application)
        if event.public_wording
    ]
    return Progress(application.case_number, "筹建申请", application.status_label, steps)
