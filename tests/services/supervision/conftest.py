from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.files.service import store
from services.reference.models import District
from services.supervision.constants import InspectionKind, InspectionStatus
from services.supervision.models import ChangeReport, FollowUp
from tests.factories.supervision import (
    AnnualReportFactory,
    EstablishedCentreFactory,
    InspectionFactory,
    RectificationFactory,
    ReexaminationFactory,
)

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name="材料.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def centres(people):
    """An established centre of the applicant's unit in 滨海新区, one of the other unit in 南开区."""
    binhai = EstablishedCentreFactory(
        name="天津市滨海计量数据建设应用中心", organisation=people.applicant.membership.organisation
    )
    nankai = EstablishedCentreFactory(
        name="天津市南开计量数据建设应用中心",
        organisation=people.other_applicant.membership.organisation,
        district=District.objects.get(code="120104"),
    )
    return {"binhai": binhai, "nankai": nankai}


@pytest.fixture
def world(people, centres):
    """One object of every kind for the 滨海 centre, each with a file; the expert assigned where experts are."""
    centre = centres["binhai"]
    report = AnnualReportFactory(centre=centre)
    change = ChangeReport.objects.create(
        centre=centre, category="capability", description="新增数据服务能力", effective_on=date(2026, 3, 1)
    )
    daily = InspectionFactory(centre=centre)
    unannounced = InspectionFactory(
        centre=centre, kind=InspectionKind.UNANNOUNCED, status=InspectionStatus.COMPLETED
    )
    unannounced.experts.add(people.expert)
    rectification = RectificationFactory(inspection=daily)
    follow_up = FollowUp.objects.create(
        rectification=rectification, outcome="reported", note="已补齐", recorded_on=date(2026, 6, 1)
    )
    reexamination = ReexaminationFactory(centre=centre)
    reexamination.experts.add(people.expert)
    objects = {
        "annual_report": report,
        "change_report": change,
        "inspection": daily,
        "unannounced": unannounced,
        "rectification": rectification,
        "follow_up": follow_up,
        "reexamination": reexamination,
    }
    files = {kind: store(pdf(f"{kind}.pdf"), owner=obj) for kind, obj in objects.items()}
    return {"objects": objects, "files": files, "centre": centre, "other": centres["nankai"]}
