"""The acceptance case's one transition table (R-21, R-24 … R-27). No other order is possible.

Outcome edges are taken by `Conclude`, which picks conclude_pass or conclude_below from the score
(deadlines.rules.passes). The centre's coarse status follows in the same transaction (centres.transitions).
"""

from services.acceptance.constants import AcceptanceStatus as S
from services.casework.transitions import Edge, StateMachine
from services.centres.transitions import APPLICANT, COMMISSION, LEADER

ACTION_LABELS = {
    "appoint_group": "组建考核组",
    "conclude_pass": "考核合格",
    "conclude_below": "考核得分低于80分",
    "report_rectification": "报告整改结果",
    "start_reassessment": "组织整改后考核",
    "issue_notice": "下达整改通知书",
    "cancel_construction": "取消筹建资格",
    "establish": "同意成立",
}

ACCEPTANCE_MACHINE = StateMachine(
    "acceptance",
    [
        Edge(S.SUBMITTED, "appoint_group", S.ASSESSING, COMMISSION, "验收考核中"),
        Edge(S.ASSESSING, "conclude_pass", S.PASSED, COMMISSION, "验收考核合格"),
        Edge(S.ASSESSING, "conclude_below", S.RECTIFYING, COMMISSION, "限期3个月整改"),
        Edge(S.RECTIFYING, "report_rectification", S.REASSESSING, APPLICANT, "整改后复核中"),
        Edge(S.RECTIFYING, "start_reassessment", S.REASSESSING, COMMISSION, "整改后复核中"),
        Edge(S.REASSESSING, "conclude_pass", S.PASSED, COMMISSION, "验收考核合格"),
        Edge(S.REASSESSING, "conclude_below", S.FAILED, COMMISSION, "现场考核不合格"),
        Edge(S.FAILED, "issue_notice", S.NOTICE_ISSUED, COMMISSION, "已下达整改通知书"),
        Edge(S.NOTICE_ISSUED, "report_rectification", S.FINAL_ASSESSING, APPLICANT, "整改后考核中"),
        Edge(S.NOTICE_ISSUED, "start_reassessment", S.FINAL_ASSESSING, COMMISSION, "整改后考核中"),
        Edge(S.FINAL_ASSESSING, "conclude_pass", S.PASSED, COMMISSION, "验收考核合格"),
        Edge(S.FINAL_ASSESSING, "conclude_below", S.FINAL_FAILED, COMMISSION, "整改不合格"),
        Edge(S.FINAL_FAILED, "cancel_construction", S.CANCELLED, LEADER, "已取消筹建资格"),
        Edge(S.PASSED, "establish", S.ESTABLISHED, LEADER, "已同意成立"),
    ],
    labels=dict(S.choices),
    action_labels=ACTION_LABELS,
)
