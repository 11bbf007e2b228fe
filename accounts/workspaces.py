"""Where each role works: the header's workspace links and where sign-in lands (issue 12, item 1).

One table, in order of precedence: a person holding several roles sees every workspace of theirs in the
header, and lands on the first."""

from dataclasses import dataclass

from accounts.constants import Role
from accounts.roles import role_names


@dataclass(frozen=True)
class Workspace:
    label: str
    url: str
    roles: frozenset


WORKSPACES = (
    Workspace("委工作台", "/commission/", frozenset({Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER})),
    Workspace("区局工作台", "/bureau/", frozenset({Role.BUREAU_OFFICER})),
    Workspace("专家工作台", "/expert/", frozenset({Role.EXPERT})),
    Workspace("网站管理", "/admin/", frozenset({Role.CMS_EDITOR, Role.SYSADMIN})),
    Workspace("网站管理", "/django-admin/", frozenset({Role.AUDITOR})),
    Workspace("服务大厅", "/service-hall/", frozenset({Role.APPLICANT})),
)


def workspaces_of(user) -> list[Workspace]:
    names = role_names(user)
    found = [w for w in WORKSPACES if names & {str(r) for r in w.roles}]
    # one 网站管理 link: Wagtail's admin wins over the audit trail for someone who has both
    labels, unique = set(), []
    for workspace in found:
        if workspace.label not in labels:
            labels.add(workspace.label)
            unique.append(workspace)
    return unique


def landing_url(user, default: str = "/") -> str:
    """Where sign-in lands when no safe `next` is given."""
    found = workspaces_of(user)
    return found[0].url if found else default
