"""Who may not sit on a panel or an assessment group (R-11, and R-24 by the same rule)."""


def conflict_reason(*, employer_id: int | None, unit_ids: set[int], declared_conflict: bool) -> str | None:
    """Why an expert cannot be appointed for a case of these units, or None if they can.

    unit_ids: the applicant unit and every partner unit of the case.
    """
    if employer_id is not None and employer_id in unit_ids:
        return "该专家任职于申请单位或其联合建设单位，须回避。"
    if declared_conflict:
        return "该专家已声明与本案存在利益冲突，须回避。"
    return None
