"""The seven flows of the service hall's applicant services besides the 筹建申请 (issue 12, item 6).

Each borrows its service's existing form and runs its service's existing action: the rules stay where
they are (R-20 … R-22, R-25, R-26, R-30 … R-32); what is declared (flows_construction, flows_supervision) is
which fields go on which page, which files, what the number is, where the case is followed and what happens
next.
"""

from services.hall.flow.flows_construction import (
    ACCEPTANCE,
    ACCEPTANCE_RECTIFICATION,
    EXTENSION,
    MAJOR_SITUATION,
)
from services.hall.flow.flows_supervision import ANNUAL_REPORT, CHANGE_REPORT, FOLLOW_UP

FLOWS = {
    flow.key: flow
    for flow in (
        ACCEPTANCE,
        EXTENSION,
        MAJOR_SITUATION,
        ACCEPTANCE_RECTIFICATION,
        FOLLOW_UP,
        ANNUAL_REPORT,
        CHANGE_REPORT,
    )
}
BY_SERVICE = {}
for _flow in FLOWS.values():
    BY_SERVICE.setdefault(_flow.service, []).append(_flow)
