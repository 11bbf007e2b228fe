"""The world every permission-matrix row is checked in: one of each kind of object, and one of each actor.

Home district 滨海新区, other district 南开区. Unit A (滨海新区) builds the centre; unit B (南开区) is
"another applicant unit". The assigned expert holds guardian object permissions on the centre and unit A;
the unassigned expert holds none. Later issues add their objects here (applications, files, …).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from accounts import audit
from accounts.constants import AuditAction, Role
from accounts.permissions import grant
from accounts.role_setup import district_editor_group_name, setup_roles
from services.centres.models import Centre
from services.reference.models import District
from tests.factories.accounts import ExpertFactory, MemberFactory, OrganisationFactory, UserFactory

HOME, OTHER = "120116", "120104"  # 滨海新区, 南开区


@dataclass
class World:
    districts: dict
    objects: dict = field(default_factory=dict)
    actors: dict = field(default_factory=dict)  # actor name → user, or None for anonymous


def build_world() -> World:
    from wagtail.models import Page

    from cms_pages.models import DistrictSectionPage

    home, other = District.objects.get(code=HOME), District.objects.get(code=OTHER)
    world = World(districts={"home": home, "other": other})
    root = Page.get_first_root_node()
    sections = {}
    for district in (home, other):
        section = DistrictSectionPage(
            title=f"{district.name}专栏", slug=f"district-{district.code}", district=district
        )
        root.add_child(instance=section)
        sections[district.code] = section
    setup_roles()

    unit_a = OrganisationFactory(name="甲单位（滨海新区）", district=home)
    unit_b = OrganisationFactory(name="乙单位（南开区）", district=other)
    centre = Centre.objects.create(
        name="滨海新区测试计量数据中心",
        organisation=unit_a,
        district=home,
        approved_on="2025-09-01",
        construction_end="2028-08-31",
    )

    def user(name, *roles, **extra):
        return UserFactory(username=name, roles=list(roles), **extra)

    actors = {
        "anonymous": None,
        "applicant_member": MemberFactory(organisation=unit_a, user__username="member_a").user,
        "applicant_other_unit": MemberFactory(organisation=unit_b, user__username="member_b").user,
        "commission_officer": user("officer", Role.COMMISSION_OFFICER),
        "commission_leader": user("leader", Role.COMMISSION_LEADER),
        "bureau_officer": user("bureau_home", Role.BUREAU_OFFICER, bureau=home),
        "bureau_other_district": user("bureau_other", Role.BUREAU_OFFICER, bureau=other),
        "bureau_editor": user("editor_home", district_editor_group_name(home)),
        "bureau_editor_other_district": user("editor_other", district_editor_group_name(other)),
        "expert_assigned": ExpertFactory(user__username="expert_assigned").user,
        "expert_unassigned": ExpertFactory(user__username="expert_unassigned").user,
        "cms_editor": user("cms", Role.CMS_EDITOR),
        "auditor": user("auditor", Role.AUDITOR, is_staff=True),
        "sysadmin": user("sysadmin", Role.SYSADMIN, is_staff=True, is_superuser=True),
    }
    grant(actors["expert_assigned"], "centres.view_centre", centre)
    grant(actors["expert_assigned"], "accounts.view_organisation", unit_a)
    record = audit.record(actors["applicant_member"], AuditAction.FILE_DOWNLOADED, obj=unit_a)
    # applications and reviews: unit A's application under review, the assigned expert leading its panel
    from services.files.models import CaseFile
    from services.reviews.models import ReviewReport, ScoreSheet
    from tests.services.applications.builders import reviewed_by

    application = reviewed_by(
        actors["applicant_member"], actors["commission_officer"], actors["expert_assigned"]
    )
    from knox.models import AuthToken

    api_token, _ = AuthToken.objects.create(user=actors["applicant_member"])
    world.objects = {
        "api_token": api_token,
        "centre": centre,
        "unit_a": unit_a,
        "unit_b": unit_b,
        "audit_record": record,
        "section_home": sections[HOME],
        "section_other": sections[OTHER],
        "application": application,
        "application_file": CaseFile.for_object(application).first(),
        "sheet": ScoreSheet.objects.get(panel__application=application),
        "report": ReviewReport.objects.get(panel__application=application),
    }
    world.actors = actors
    from tests.permissions.ratings_rows import add_rating_objects

    add_rating_objects(world)
    from tests.permissions.centre_records import add_centre_records

    add_centre_records(world)
    from tests.permissions.hall_rows import add_hall_objects

    add_hall_objects(world)
    assert Group.objects.filter(name=Role.AUDITOR).exists()
    return world
