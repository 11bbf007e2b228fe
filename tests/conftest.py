"""Shared fixtures. Tests use the real services: DATABASE_URL and REDIS_URL point at them in CI."""

import os

import pytest


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return [
        f"database: {engine}",
        f"redis: {os.environ.get('REDIS_URL') or 'not configured (worker tests skip)'}",
        f"elasticsearch: {os.environ.get('ELASTICSEARCH_URL') or 'not configured (Elasticsearch tests skip)'}",
    ]


@pytest.fixture(autouse=True)
def _empty_django_cache():
    """Each test starts with an empty Django cache: cached pages of one test never leak into another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def districts(db):
    from services.reference.models import District

    return {d.name: d for d in District.objects.all()}


@pytest.fixture
def key_fields(db):
    from services.reference.models import KeyField

    return {k.name: k for k in KeyField.objects.all()}


@pytest.fixture
def people(db):
    """Every role, plus another district's bureau, an unassigned expert and another unit's member."""
    from tests.factories.people import make_people

    return make_people()


@pytest.fixture
def verified_login(client):
    """Sign a user in with a verified second factor (R-43), as after the OTP page: `verified_login(user)`.

    Staff and experts signed in with `force_login` alone reach nothing but the OTP pages."""
    from tests.factories.accounts import login_verified

    return lambda user, on=None: login_verified(on or client, user)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in with a verified second factor (R-43): without one the
    OTP middleware sends a superuser to the OTP pages like any other staff member."""
    from tests.factories.accounts import login_verified

    return login_verified(client, admin_user)


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated data (districts, key fields, Wagtail's root page and
    site) before it runs. A transactional test empties the tables when it ends, so without this the
    transactional tests after it would find no reference data, depending on the order they run in."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            fixtures & {"transactional_db", "live_server"}
        )
        if transactional:
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (make test) in the serial suite's order: each worker runs every test that needs the
    migrated data before any transactional test empties its database.

    pytest-django sorts the tests as Django does: those on the `db` fixture first, then the transactional ones,
    then those without a database. Each file's tests of one kind are one work unit, queued in that order
    (not largest first, as xdist's loadfile would), so a worker never gets a file's `db` tests after a
    transactional test of its own. A file's tests of one kind stay together on one worker, in their order."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class InDatabaseOrder(LoadFileScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.unit_of = {}

        def _split_scope(self, nodeid):
            if not self.unit_of and self.collection:
                # the collection is in pytest-django's order: a file's tests of one kind are one run of it
                runs, previous = {}, None
                for each in self.collection:
                    file = each.split("::", 1)[0]
                    if file != previous:
                        runs[file] = runs.get(file, -1) + 1
                        previous = file
                    self.unit_of[each] = f"{file}#{runs[file]}"
            return self.unit_of.get(nodeid) or super()._split_scope(nodeid)

    config.option.loadscopereorder = False  # keep the kinds in order
    return InDatabaseOrder(config, log)
