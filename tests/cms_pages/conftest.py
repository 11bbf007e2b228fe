"""Fixtures of the public site: the demo site built by the real loader from a small data set (the site step,
the accounts, and the centres' histories that publish their pages).

Building it takes seconds, so it is built once per test module inside a transaction that is rolled back
after the module; each test runs in a savepoint inside it (pytest-django's `db`), so tests stay isolated.
"""

from pathlib import Path

import pytest

SMALL_DEMO_DATA = Path(__file__).resolve().parent / "demo_data"


class RecordingProgress:
    def __init__(self):
        self.lines = []

    def step(self, message):
        self.lines.append(message)

    def count(self, done, total, message):
        self.lines.append(f"{done}/{total} {message}")


@pytest.fixture
def progress():
    return RecordingProgress()


@pytest.fixture
def small_demo_data(monkeypatch):
    """Point the loader at a small copy of the demo data (two centres, one of them revoked, four achievements)."""
    from cms_pages.demo import upsert

    monkeypatch.setattr(upsert, "DATA_DIR", SMALL_DEMO_DATA)
    return SMALL_DEMO_DATA


@pytest.fixture(scope="module")
def _demo_site_for_module(django_db_setup, django_db_blocker):
    from django.db import transaction

    from accounts import demo as accounts_demo
    from cms_pages import demo
    from cms_pages.demo import upsert
    from portal import demo_centres as centres_demo

    progress = RecordingProgress()
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(upsert, "DATA_DIR", SMALL_DEMO_DATA)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo.run(progress)
            # the centres' records and their history come from the real actions (R-14 … R-35)
            accounts_demo.run(progress)
            centres_demo.run(progress)
            yield progress
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo_site(_demo_site_for_module, small_demo_data, db):
    return _demo_site_for_module
