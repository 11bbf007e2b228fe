"""Rules of the application, as pure functions (no ORM, no clock)."""

from datetime import date, timedelta

from services.applications.constants import Condition

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


def missing_items(
    *,
    texts: dict[str, str],
    key_field_count: int,
    is_joint_build: bool,
    partner_count: int,
    conditions: dict[str, dict],
) -> list[str]:
    """Everything that stops an application from being submitted, in form order (R-02, R-03, R-04).

    conditions: {code: {"meets": bool | None, "explanation": str, "files": int}}.
    """
    problems = []
    for field, label in REQUIRED_TEXT.items():
        if not (texts.get(field) or "").strip():
            problems.append(f"未填写“{label}”。")
    if key_field_count < 1:
        problems.append("至少选择一个重点领域（R-04）。")
    if is_joint_build and partner_count < 1:
        problems.append("联合共建须填写至少一个联合建设单位（R-03）。")
    for code, label in Condition.choices:
        declared = conditions.get(code) or {}
        if declared.get("meets") is None:
            problems.append(f"申报条件“{label}”尚未声明（R-02）。")
            continue
        if not (declared.get("explanation") or "").strip():
            problems.append(f"申报条件“{label}”未填写说明。")
        if not declared.get("files"):
            problems.append(f"申报条件“{label}”未上传证明材料（R-02）。")
    return problems


def handling_deadline(submitted_on: date) -> date:
    """(design) The last day for the commission to return, or start the review of, a submitted application."""
    return submitted_on + timedelta(days=HANDLING_DAYS)


def is_overdue(submitted_on: date | None, today: date) -> bool:
    return submitted_on is not None and today > handling_deadline(submitted_on)
