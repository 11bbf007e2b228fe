"""办件编号 for every applicant service (issue 12, item 7; decision 0110): the migrations that added the
number number the rows that existed before, in the order they were submitted, per prefix and Beijing year,
and later numbers follow on from them; the application's own counter carries over."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from services.casework import numbering

BEFORE = [
    ("casework", "0001_initial"),
    ("applications", "0001_initial"),
    ("acceptance", "0002_demo_template"),
    ("construction", "0001_initial"),
    ("supervision", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_rows_are_numbered_in_submission_order_and_new_numbers_follow(people):
    from services.acceptance.models import AcceptanceApplication
    from services.construction.models import ExtensionRequest, MajorSituationReport
    from services.supervision.models import AnnualReport, ChangeReport, Rectification
    from tests.factories.centres import CentreFactory
    from tests.factories.supervision import (
        AnnualReportFactory,
        EstablishedCentreFactory,
        RectificationFactory,
    )
    from tests.services.applications.builders import complete_draft

    application = complete_draft(people.applicant)
    established = EstablishedCentreFactory(organisation=people.applicant.membership.organisation)
    # Created out of date order: the backfill orders by the date of submission.
    late = AnnualReportFactory(centre=established, year=2025, submitted_on=date(2025, 11, 20))
    november = AnnualReportFactory(centre=established, year=2024, submitted_on=date(2024, 11, 3))
    may = AnnualReportFactory(centre=established, year=2023, submitted_on=date(2024, 5, 6))
    centre = CentreFactory(organisation=people.applicant.membership.organisation)
    others = {
        AcceptanceApplication: AcceptanceApplication.objects.create(
            centre=centre,
            written_application="申请",
            summary_report="总结",
            follow_up_plan="规划",
            submitted_by=people.applicant,
            submitted_on=date(2027, 2, 1),
        ),
        ExtensionRequest: ExtensionRequest.objects.create(
            centre=centre,
            reason="原因",
            proposed_assessment_on=date(2027, 11, 1),
            submitted_by=people.applicant,
            submitted_on=date(2026, 10, 9),
        ),
        MajorSituationReport: MajorSituationReport.objects.create(
            centre=centre, title="重大情况", body="内容", submitted_by=people.applicant
        ),
        ChangeReport: ChangeReport.objects.create(
            centre=established, category="capability", description="变更", effective_on=date(2026, 1, 1)
        ),
        Rectification: RectificationFactory(issued_on=date(2026, 5, 11)),
    }

    _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    numbers = dict(AnnualReport.objects.values_list("pk", "case_number"))
    assert numbers[may.pk] == "JLND-2024-0001"
    assert numbers[november.pk] == "JLND-2024-0002"
    assert numbers[late.pk] == "JLND-2025-0001"
    year = others[MajorSituationReport].submitted_at.year
    expected = {
        AcceptanceApplication: "JLYS-2027-0001",
        ExtensionRequest: "JLYQ-2026-0001",
        MajorSituationReport: f"JLQK-{year}-0001",
        ChangeReport: f"JLBH-{others[ChangeReport].submitted_at.year}-0001",
        Rectification: "JLZG-2026-0001",
    }
    for model, row in others.items():
        assert model.objects.get(pk=row.pk).case_number == expected[model], model
    # Later numbers follow on, and the application's counter carried over into the sequences.
    assert numbering.next_number("JLND", 2024) == "JLND-2024-0003"
    assert (
        numbering.next_number("JLSJ", int(application.case_number[5:9]))
        == application.case_number[:10] + "0002"
    )
