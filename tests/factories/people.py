"""One person per role, plus the outsiders every permission matrix must include:
a bureau officer of another district, an expert not assigned, and a member of another applicant unit."""

from dataclasses import dataclass

from accounts.constants import Role
from accounts.models import ExpertProfile, User
from services.reference.models import District
from tests.factories.accounts import MemberFactory, OrganisationFactory, UserFactory


@dataclass
class People:
    applicant: User
    other_applicant: User
    commission_officer: User
    commission_leader: User
    bureau_officer: User  # 滨海新区, the district of the applicant's unit
    other_bureau_officer: User  # 南开区
    expert: User
    unassigned_expert: User
    cms_editor: User
    auditor: User
    sysadmin: User
    anonymous: object = None

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


# every person a permission matrix runs through, by attribute name (anonymous last)
EVERYONE = list(People.__dataclass_fields__)


def make_people() -> People:
    binhai = District.objects.get(code="120116")
    nankai = District.objects.get(code="120104")
    unit = OrganisationFactory(district=binhai)
    other_unit = OrganisationFactory(district=nankai)
    expert = UserFactory(roles=[Role.EXPERT])
    ExpertProfile.objects.create(user=expert, employer_name="天津大学")
    unassigned = UserFactory(roles=[Role.EXPERT])
    ExpertProfile.objects.create(user=unassigned, employer_name="南开大学")
    from django.contrib.auth.models import AnonymousUser

    return People(
        applicant=MemberFactory(organisation=unit).user,
        other_applicant=MemberFactory(organisation=other_unit).user,
        commission_officer=UserFactory(roles=[Role.COMMISSION_OFFICER]),
        commission_leader=UserFactory(roles=[Role.COMMISSION_LEADER]),
        bureau_officer=UserFactory(roles=[Role.BUREAU_OFFICER], bureau=binhai),
        other_bureau_officer=UserFactory(roles=[Role.BUREAU_OFFICER], bureau=nankai),
        expert=expert,
        unassigned_expert=unassigned,
        cms_editor=UserFactory(roles=[Role.CMS_EDITOR]),
        auditor=UserFactory(roles=[Role.AUDITOR]),
        sysadmin=UserFactory(roles=[Role.SYSADMIN], is_staff=True, is_superuser=True),
        anonymous=AnonymousUser(),
    )
