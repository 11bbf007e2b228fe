"""Case numbers (办件编号): readable, unique, safe under concurrency."""

import os
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from services.applications import actions
from services.applications.constants import ApplicationStatus
from services.applications.models import Application
from services.casework import numbering
from services.casework.transitions import TransitionRefused
from services.deadlines.clock import beijing_today
from tests.services.applications import builders


def test_numbers_have_year_and_sequence(db):
    year = beijing_today().year
    assert numbering.next_number("JLSJ") == f"JLSJ-{year}-0001"
    assert numbering.next_number("JLSJ", year) == f"JLSJ-{year}-0002"
    assert numbering.next_number("JLSJ", year + 1) == f"JLSJ-{year + 1}-0001"
    assert numbering.next_number("JLYS", year) == f"JLYS-{year}-0001"  # each service its own sequence


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="row locks need PostgreSQL (SQLite serialises writers anyway)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_numbers_never_repeat():
    numbers, errors = [], []

    def take():
        try:
            for _ in range(10):
                numbers.append(numbering.next_number("JLSJ", 2031))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(numbers) == 40 and len(set(numbers)) == 40


def test_a_second_open_application_is_refused(people):
    """A unit may have at most one open application: the action says so in Chinese."""
    first = builders.complete_draft(people.applicant)
    with pytest.raises(TransitionRefused, match="已有一件未办结的筹建申请"):
        actions.start_application(people.applicant)
    assert Application.objects.filter(organisation=first.organisation).count() == 1
    actions.Withdraw(first).execute(people.applicant)
    assert actions.start_application(people.applicant).status == ApplicationStatus.DRAFT


def test_the_database_refuses_a_second_open_application_too(people):
    """The constraint holds even if two requests pass the check at once."""
    first = builders.complete_draft(people.applicant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            case_number="JLSJ-2099-9999", organisation=first.organisation, district=first.district
        )
