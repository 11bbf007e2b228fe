"""Acceptance actions (R-21, R-24 … R-27). Each: check() then execute() in one transaction, via run().

The actions live by stage in this package (base, application, assessment, outcome); every name stays
importable from here.
"""

from services.acceptance.actions.application import ApplyForAcceptance, AppointGroup
from services.acceptance.actions.assessment import Conclude, RecordScores, RecordStage
from services.acceptance.actions.base import (
    MATERIALS,
    current_round,
    move_centre,
    rectification_due,
    require_assessor,
    tell_commission,
    tell_unit,
)
from services.acceptance.actions.outcome import (
    CancelConstruction,
    Establish,
    IssueNotice,
    ReportRectification,
    StartReassessment,
)

__all__ = [
    "MATERIALS",
    "AppointGroup",
    "ApplyForAcceptance",
    "CancelConstruction",
    "Conclude",
    "Establish",
    "IssueNotice",
    "RecordScores",
    "RecordStage",
    "ReportRectification",
    "StartReassessment",
    "current_round",
    "move_centre",
    "rectification_due",
    "require_assessor",
    "tell_commission",
    "tell_unit",
]
