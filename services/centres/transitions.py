"""The centre's one transition table, from approval of construction to establishment or revocation.

Construction and acceptance (R-20 … R-27) move a centre up to "established"; supervision (R-33 … R-35)
may revoke it. The detailed assessment rounds live in the acceptance case's own table; this one keeps the
centre's public status.
"""

from accounts.constants import Role
from services.casework.transitions import Edge, StateMachine
from services.centres.constants import CentreStatus as S

SYSTEM = "system"  # scheduled tasks act as the system; no person holds this role
COMMISSION = frozenset({Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER})
LEADER = frozenset({Role.COMMISSION_LEADER})
APPLICANT = frozenset({Role.APPLICANT})

ACTION_LABELS = {
    "approve_extension": "同意延期验收",
    "apply_acceptance": "申请验收",
    "flag_lapse": "筹建期满未申请验收",
    "revoke_construction": "撤销筹建资格",
    "start_assessment": "组织验收考核",
    "require_rectification": "限期整改",
    "establish": "同意成立",
    "cancel_construction": "取消筹建资格",
    "revoke": "撤销中心资格",
}

CENTRE_MACHINE = StateMachine(
    "centre",
    [
        Edge(S.CONSTRUCTING, "approve_extension", S.EXTENDED, COMMISSION, "已同意延期验收"),
        Edge(S.CONSTRUCTING, "apply_acceptance", S.ACCEPTANCE_APPLIED, APPLICANT, "已提交验收申请"),
        Edge(S.EXTENDED, "apply_acceptance", S.ACCEPTANCE_APPLIED, APPLICANT, "已提交验收申请"),
        Edge(S.CONSTRUCTING, "flag_lapse", S.LAPSED, frozenset({SYSTEM}), "筹建期满未申请验收"),
        Edge(S.EXTENDED, "flag_lapse", S.LAPSED, frozenset({SYSTEM}), "延期届满仍未完成筹建"),
        Edge(S.LAPSED, "revoke_construction", S.CONSTRUCTION_REVOKED, LEADER, "已撤销筹建资格"),
        Edge(S.ACCEPTANCE_APPLIED, "start_assessment", S.ASSESSING, COMMISSION, "验收考核中"),
        Edge(S.ASSESSING, "require_rectification", S.RECTIFYING, COMMISSION, "限期整改中"),
        Edge(S.RECTIFYING, "start_assessment", S.ASSESSING, COMMISSION, "整改后验收考核中"),
        Edge(S.ASSESSING, "establish", S.ESTABLISHED, LEADER, "已同意成立"),
        Edge(S.ASSESSING, "cancel_construction", S.CONSTRUCTION_REVOKED, LEADER, "已取消筹建资格"),
        Edge(S.RECTIFYING, "cancel_construction", S.CONSTRUCTION_REVOKED, LEADER, "已取消筹建资格"),
        Edge(S.ESTABLISHED, "revoke", S.REVOKED, LEADER, "已撤销计量数据中心资格"),
    ],
    labels=dict(S.choices),
    action_labels=ACTION_LABELS,
)
