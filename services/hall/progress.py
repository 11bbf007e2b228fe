"""The public 办件进度查询 (issue 12, item 7): a case looked up by its number and its unit's credit code.

Every applicant service's cases are found, through the registry of services.hall.kinds (the number's
prefix names the kind). Nothing here says whether a number exists: a wrong pair, an unknown number and a
number of no registered kind all give None, so cases cannot be enumerated. The result carries only the
status and the public wording of the timeline (services.casework.wording.public_timeline), never a name,
a reason or a person.
"""

import re
import unicodedata
from dataclasses import dataclass

from services.casework import numbering
from services.casework.wording import PublicStep, public_timeline

# Dashes people type or paste instead of "-": full-width, en and em dashes, minus signs, the ideographic dash.
DASHES = str.maketrans({c: "-" for c in "－‐‑‒–—―−﹣〜～"})


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), every dash to "-", spaces of any width removed, upper case."""
    text = unicodedata.normalize("NFKC", text or "").translate(DASHES)
    return re.sub(r"\s+", "", text).upper()


def looks_like_case_number(text: str) -> bool:
    return bool(numbering.NUMBER.fullmatch(text))


@dataclass(frozen=True)
class Progress:
    case_number: str
    service: str
    status: str
    steps: list[PublicStep]


def lookup(case_number: str, credit_code: str) -> Progress | None:
    """The public progress of the case, or None for an unknown number or a pair that does not match."""
    from services.hall.kinds import kind_of

    number = normalise(case_number)
    kind = kind_of(number)
    case = kind.find(number, normalise(credit_code)) if kind else None
    if case is None:
        return None
    return Progress(
        case_number=getattr(case, kind.number_field),
        service=kind.service.label,
        status=kind.status(case),
        steps=public_timeline(case, kind.milestones(case)),
    )
