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
