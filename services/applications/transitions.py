"""The application's one transition table (R-10 … R-14). Actions ask it before they change anything."""

from accounts.constants import Role
from services.applications.constants import ApplicationStatus as S
from services.casework.transitions import Edge, StateMachine

APPLICANT = frozenset({Role.APPLICANT})
COMMISSION = frozenset({Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER})
LEADER = frozenset({Role.COMMISSION_LEADER})

ACTION_LABELS = {
    "submit": "提交申报",
    "return_for_correction": "退回补正",
    "resubmit": "补正后重新提交",
    "start_review": "组织专家评审",
    "approve": "批准筹建",
    "reject": "不予批准",
    "withdraw": "撤回申请",
}

APPLICATION_MACHINE = StateMachine(
    "application",
    [
        Edge(S.DRAFT, "submit", S.SUBMITTED, APPLICANT, "申报材料已提交，等待市市场监管委受理"),
        Edge(S.SUBMITTED, "return_for_correction", S.RETURNED, COMMISSION, "申报材料需补正"),
        Edge(S.RESUBMITTED, "return_for_correction", S.RETURNED, COMMISSION, "申报材料需再次补正"),
        Edge(
            S.RETURNED, "resubmit", S.RESUBMITTED, APPLICANT, "补正材料已提交，等待市市场监管委受理"
        ),
        Edge(S.SUBMITTED, "start_review", S.UNDER_REVIEW, COMMISSION, "已受理，专家评审中"),
        Edge(S.RESUBMITTED, "start_review", S.UNDER_REVIEW, COMMISSION, "已受理，专家评审中"),
        Edge(S.UNDER_REVIEW, "approve", S.APPROVED, LEADER, "已批准筹建，请查阅函复和筹建任务书"),
        Edge(S.UNDER_REVIEW, "reject", S.REJECTED, LEADER, "未予批准，请查阅理由"),
        Edge(S.DRAFT, "withdraw", S.WITHDRAWN, APPLICANT, "申请单位已撤回申请"),
        Edge(S.SUBMITTED, "withdraw", S.WITHDRAWN, APPLICANT, "申请单位已撤回申请"),
        Edge(S.RETURNED, "withdraw", S.WITHDRAWN, APPLICANT, "申请单位已撤回申请"),
        Edge(S.RESUBMITTED, "withdraw", S.WITHDRAWN, APPLICANT, "申请单位已撤回申请"),
    ],
    labels=dict(S.choices),
    action_labels=ACTION_LABELS,
)
