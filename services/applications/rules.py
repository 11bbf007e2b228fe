"""Rules of the application, as pure functions (no ORM, no clock)."""

from dataclasses import dataclass
from datetime import date, timedelta

from services.applications.constants import Condition, Section

# (design) the commission acts on a submitted application within 20 calendar days; the console flags
# applications waiting longer as overdue.
HANDLING_DAYS = 20

REQUIRED_TEXT = {
    "centre_name": "拟建中心名称",
    "unit_profile": "申请单位基本情况",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "construction_basis": "建设基础",
    "goals": "建设目标",
    "tasks": "主要任务",
    "organisation_management": "组织管理与保障措施",
}
TEXT_SECTIONS = {
    "centre_name": Section.BASIC,
    "unit_profile": Section.BASIC,
    "contact_name": Section.BASIC,
    "contact_phone": Section.BASIC,
    "construction_basis": Section.BASIS,
    "goals": Section.GOALS,
    "tasks": Section.GOALS,
    "organisation_management": Section.MANAGEMENT,
}


@dataclass(frozen=True)
class Missing:
    """One thing that stops submission: the section and field to fix it in, the message for the applicant,
    and the rule it comes from (for the code and the tests; not shown)."""

    section: str
    field: str
    message: str
    rule: str = ""


def missing(
    *,
    texts: dict[str, str],
    key_field_count: int,
    is_joint_build: bool,
    partner_count: int,
    conditions: dict[str, dict],
) -> list[Missing]:
    """Everything that stops an application from being submitted, in form order (R-02, R-03, R-04).

    conditions: {code: {"meets": bool | None, "explanation": str, "files": int}}.
    """
    problems = []
    for field, label in REQUIRED_TEXT.items():
        if not (texts.get(field) or "").strip():
            problems.append(Missing(TEXT_SECTIONS[field], field, f"未填写“{label}”。"))
    if key_field_count < 1:
        problems.append(Missing(Section.BASIC, "key_fields", "至少选择一个重点领域。", "R-04"))
    if is_joint_build and partner_count < 1:
        problems.append(Missing(Section.PARTNERS, "name", "联合共建须填写至少一个联合建设单位。", "R-03"))
    for code, label in Condition.choices:
        declared = conditions.get(code) or {}
        if declared.get("meets") is None:
            problems.append(
                Missing(Section.CONDITIONS, f"{code}_meets", f"申报条件“{label}”尚未声明。", "R-02")
            )
            continue
        if not (declared.get("explanation") or "").strip():
            problems.append(
                Missing(Section.CONDITIONS, f"{code}_explanation", f"申报条件“{label}”未填写说明。", "R-02")
            )
        if not declared.get("files"):
            problems.append(
                Missing(Section.CONDITIONS, f"{code}_file", f"申报条件“{label}”未上传证明材料。", "R-02")
            )
    return problems


def missing_items(**facts) -> list[str]:
    """The messages of missing(), in the same order."""
    return [problem.message for problem in missing(**facts)]


class SectionStatus:
    NOT_STARTED = "未开始"
    IN_PROGRESS = "未完成"
    DONE = "已完成"


# Sections with no rule of their own: the task list shows them 未开始 until something is in them.
OPTIONAL_SECTIONS = frozenset({Section.PARTNERS, Section.ATTACHMENTS})


def section_status(section: str, problems: list[Missing], started: bool) -> str:
    """A task-list section's status, from the same problems that gate submission: 未完成 or 未开始 while
    one of them is in the section, 已完成 otherwise (an optional section once something is in it)."""
    if any(problem.section == section for problem in problems):
        return SectionStatus.IN_PROGRESS if started else SectionStatus.NOT_STARTED
    if started or section not in OPTIONAL_SECTIONS:
        return SectionStatus.DONE
    return SectionStatus.NOT_STARTED


def handling_deadline(submitted_on: date) -> date:
    """(design) The last day for the commission to return, or start the review of, a submitted application."""
    return submitted_on + timedelta(days=HANDLING_DAYS)


def is_overdue(submitted_on: date | None, today: date) -> bool:
    return submitted_on is not None and today > handling_deadline(submitted_on)
