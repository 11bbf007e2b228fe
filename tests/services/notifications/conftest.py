from datetime import date

import pytest


@pytest.fixture
def make_user(db):
    from tests.factories.accounts import UserFactory

    def make(**kwargs):
        kwargs.setdefault("phone", "13812345678")
        return UserFactory(**kwargs)

    return make


@pytest.fixture
def make_centre(db):
    """A centre of a new unit with `members` active members (their users are returned on centre.test_members)."""
    from services.centres.constants import CentreStatus
    from services.centres.models import Centre
    from services.reference.models import District
    from tests.factories.accounts import MemberFactory, OrganisationFactory

    def make(*, status=CentreStatus.CONSTRUCTING, construction_end=date(2028, 5, 29), members=2, **kwargs):
        organisation = OrganisationFactory()
        users = [MemberFactory(organisation=organisation).user for _ in range(members)]
        centre = Centre.objects.create(
            name=kwargs.pop("name", f"天津市测试计量数据中心{organisation.pk}"),
            organisation=organisation,
            district=District.objects.get(code="120116"),
            status=status,
            approved_on=kwargs.pop("approved_on", date(2025, 6, 1)),
            construction_end=construction_end,
            **kwargs,
        )
        centre.test_members = users
        return centre

    return make
