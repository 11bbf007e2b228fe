"""The permission matrix: every actor against every (object kind, action) row of the registry (R-32, R-43).

Each actor is signed in with a verified second factor, so that a refusal means "not allowed", never
"not yet verified".
"""

import pytest

from tests.factories.accounts import login_verified
from tests.permissions.registry import ACTORS, ROWS
from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db


def test_registry_rows_are_unique_and_name_known_actors():
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))
    for row in ROWS:
        assert row.probe is not None or row.not_yet, row.id
        assert row.allowed <= set(ACTORS), row.id


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for every row of the module, built once (setting up the roles and the 16 district
    collections is slow) inside a transaction that is rolled back at the end. Each test runs in a
    savepoint inside it, so whatever a probe changes is undone before the next row."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_permission_matrix(row, world, client_factory):
    """R-32: a bureau sees only its district; experts only what they are assigned; applicants only their
    unit's; the auditor only the audit trail; district editors only their district's CMS section."""
    if row.probe is None:
        pytest.skip(f"{row.id}: {row.not_yet}")
    wrong = []
    for actor in ACTORS:
        user = world.actors[actor]
        client = client_factory()
        if user is not None:
            login_verified(client, user)
        got = bool(row.probe(client, user, world))
        expected = actor in row.allowed
        if got != expected:
            wrong.append(
                f"{actor}: {'allowed' if got else 'refused'}, expected {'allowed' if expected else 'refused'}"
            )
    assert wrong == [], f"{row.id}\n" + "\n".join(wrong)


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
