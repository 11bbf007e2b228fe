"""The one transition table of a 差评's follow-up (issue 12, item 8)."""

from accounts.constants import Role
from services.casework.transitions import Edge, StateMachine
from services.ratings.constants import FollowUpStatus as S

COMMISSION = frozenset({Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER})
APPLICANT = frozenset({Role.APPLICANT})

ACTION_LABELS = {"visit": "记录回访", "give_feedback": "反馈整改情况", "add_rating": "追评"}

BAD_RATING_MACHINE = StateMachine(
    "bad_rating",
    [
        Edge(S.AWAITING_VISIT, "visit", S.RECTIFYING, COMMISSION, "已回访，正在整改"),
        Edge(S.RECTIFYING, "give_feedback", S.FEEDBACK_GIVEN, COMMISSION, "已反馈整改情况"),
        Edge(S.FEEDBACK_GIVEN, "add_rating", S.CLOSED, APPLICANT, "申请人已追评"),
    ],
    labels=dict(S.choices),
    action_labels=ACTION_LABELS,
)
