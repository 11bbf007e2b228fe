"""One live centre per name (design, with R-27's public list and R-35's revocation): a name taken by a centre
that is not revoked cannot be given to another. A revoked centre keeps its name in its history, and the name
may then be approved again. The database backs this with a conditional unique constraint."""

from services.casework.transitions import TransitionRefused
from services.centres.constants import CentreStatus

# Statuses that give the name back.
RELEASED = (CentreStatus.CONSTRUCTION_REVOKED, CentreStatus.REVOKED)


def live_holder(name: str, exclude_pk=None):
    from services.centres.models import Centre

    holders = Centre.objects.filter(name=name.strip()).exclude(status__in=RELEASED)
    if exclude_pk is not None:
        holders = holders.exclude(pk=exclude_pk)
    return holders.first()


def require_free_name(name: str, exclude_pk=None) -> None:
    holder = live_holder(name, exclude_pk)
    if holder is not None:
        raise TransitionRefused(
            f"已有名为“{holder.name}”的计量数据中心（{holder.get_status_display()}，{holder.organisation.name}），"
            "中心名称不能重复；请更改拟建中心名称。"
        )
