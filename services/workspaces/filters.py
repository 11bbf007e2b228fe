"""Parsing a queue page's filters. A value the page does not offer gets a Chinese message, not an error 500."""

from dataclasses import dataclass, field

SORTS = {"deadline": "期限由近到远", "-deadline": "期限由远到近"}
OVERDUE = {"": "全部", "1": "仅已逾期", "0": "仅未逾期"}


@dataclass
class QueueFilters:
    district: str = ""  # district code; commission only
    overdue: str = ""
    sort: str = "deadline"
    stage: str = ""
    errors: list[str] = field(default_factory=list)


def parse(params, *, stages: dict[str, str], district_codes: set[str] | None) -> QueueFilters:
    """district_codes None: the district is fixed by the URL (the bureau's tenant view)."""
    filters = QueueFilters()
    sort = params.get("sort", "deadline")
    if sort not in SORTS:
        filters.errors.append(f"排序方式“{sort}”无效，请选择：{'、'.join(SORTS.values())}。")
    else:
        filters.sort = sort
    overdue = params.get("overdue", "")
    if overdue not in OVERDUE:
        filters.errors.append("“是否逾期”的值无效，请选择：全部、仅已逾期或仅未逾期。")
    else:
        filters.overdue = overdue
    stage = params.get("stage", "")
    if stage and stage not in stages:
        filters.errors.append(f"办理阶段“{stage}”不存在，请从列表中选择。")
    else:
        filters.stage = stage
    district = params.get("district", "")
    if district:
        if district_codes is None or district not in district_codes:
            filters.errors.append(f"所在区“{district}”不存在，请从列表中选择。")
        else:
            filters.district = district
    return filters


def apply(items, filters: QueueFilters, district_id_by_code: dict[str, int]):
    """Filter and sort queue items; items without a deadline come last either way."""
    if filters.district:
        items = [i for i in items if i.district_id == district_id_by_code[filters.district]]
    if filters.stage:
        items = [i for i in items if i.stage == filters.stage]
    if filters.overdue == "1":
        items = [i for i in items if i.overdue]
    elif filters.overdue == "0":
        items = [i for i in items if not i.overdue]
    dated = sorted(
        (i for i in items if i.deadline), key=lambda i: i.deadline, reverse=filters.sort == "-deadline"
    )
    return dated + [i for i in items if not i.deadline]
