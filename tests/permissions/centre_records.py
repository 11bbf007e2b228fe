"""A centre's records in the matrix world, one of each kind, and their rows (issue 11, R-32).

Every record about a centre — construction, acceptance, supervision — is seen by the one rule of
accounts.centre_access: the rows below name the SAME set of actors for each kind, so the matrix proves that
accounts, construction, acceptance and supervision apply one rule. The sysadmin sees the centre (the
register) and none of its records (docs/decisions/0070).
"""

from datetime import date


def add_centre_records(world) -> None:
    from services.acceptance.models import AcceptanceApplication
    from services.construction.models import ExtensionRequest, MajorSituationReport
    from services.supervision.constants import (
        ChangeCategory,
        FollowUpOutcome,
        InspectionKind,
        InspectionStatus,
    )
    from services.supervision.models import ChangeReport, FollowUp
    from tests.factories.supervision import (
        AnnualReportFactory,
        InspectionFactory,
        RectificationFactory,
        ReexaminationFactory,
    )

    centre, member = world.objects["centre"], world.actors["applicant_member"]
    inspection = InspectionFactory(centre=centre)
    rectification = RectificationFactory(inspection=inspection)
    planned = InspectionFactory(
        centre=centre, kind=InspectionKind.UNANNOUNCED, status=InspectionStatus.PLANNED, findings=""
    )
    planned.experts.set([world.actors["expert_assigned"]])
    world.objects.update(
        major_report=MajorSituationReport.objects.create(
            centre=centre, title="重大情况", body="内容", submitted_by=member
        ),
        extension=ExtensionRequest.objects.create(
            centre=centre,
            reason="原因",
            proposed_assessment_on=date(2028, 11, 1),
            submitted_by=member,
            submitted_on=date(2028, 1, 5),
        ),
        acceptance=AcceptanceApplication.objects.create(
            centre=centre,
            written_application="申请",
            summary_report="总结",
            follow_up_plan="规划",
            submitted_by=member,
            submitted_on=date(2028, 3, 1),
        ),
        annual_report=AnnualReportFactory(centre=centre),
        change_report=ChangeReport.objects.create(
            centre=centre,
            category=ChangeCategory.values[0],
            description="变更",
            effective_on=date(2026, 1, 1),
            submitted_by=member,
        ),
        inspection=inspection,
        planned_inspection=planned,
        rectification=rectification,
        follow_up=FollowUp.objects.create(
            rectification=rectification,
            outcome=FollowUpOutcome.REPORTED,
            note="已整改",
            recorded_on=date(2026, 6, 1),
            recorded_by=member,
        ),
        reexamination=ReexaminationFactory(centre=centre),
    )


def centre_record_rows(Row, allowed, in_queryset, commission):
    from services.acceptance.models import AcceptanceApplication
    from services.construction.models import ExtensionRequest, MajorSituationReport
    from services.supervision.models import (
        AnnualReport,
        ChangeReport,
        FollowUp,
        Inspection,
        Rectification,
        Reexamination,
    )
    from services.supervision.querysets import centres_visible_to

    record_seers = allowed(*commission, "bureau_officer", "applicant_member")
    kinds = [
        ("MajorSituationReport", MajorSituationReport, "major_report"),
        ("ExtensionRequest", ExtensionRequest, "extension"),
        ("AcceptanceApplication", AcceptanceApplication, "acceptance"),
        ("AnnualReport", AnnualReport, "annual_report"),
        ("ChangeReport", ChangeReport, "change_report"),
        ("Inspection", Inspection, "inspection"),
        ("Rectification", Rectification, "rectification"),
        ("FollowUp", FollowUp, "follow_up"),
        ("Reexamination", Reexamination, "reexamination"),
    ]

    def supervised(client, user, world):
        return centres_visible_to(user).filter(pk=world.objects["centre"].pk).exists()

    return [
        *(
            Row(kind, "list (the centre-record rule)", record_seers, in_queryset(model, name))
            for kind, model, name in kinds
        ),
        Row("Centre", "list (supervision: the centre-record rule)", record_seers, supervised),
        Row(
            "Centre",
            "construction page shows its records (the centre-record rule, not the register's)",
            record_seers,
            _centre_page_shows_a_report,
        ),
        Row(
            "Inspection",
            "list (planned unannounced: commission and its experts only, R-33)",
            allowed(*commission, "expert_assigned"),
            in_queryset(Inspection, "planned_inspection"),
        ),
    ]


def _centre_page_shows_a_report(client, user, world):
    """The builder's centre page lists the major-situation reports (ratings_rows files 场地迁移 on it); the
    system administrator and the assigned expert see the centre, not its records (docs/decisions/0070)."""
    page = client.get(f"/service-hall/construction/{world.objects['centre'].pk}/")
    return page.status_code == 200 and "场地迁移的情况说明。" in page.content.decode()
