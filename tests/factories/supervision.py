"""Established centres and supervision records for tests."""

from datetime import date

import factory

from services.centres.constants import CentreStatus
from services.centres.models import Centre
from services.reference.models import District
from services.supervision.constants import Conclusion, InspectionKind, InspectionStatus
from services.supervision.models import AnnualReport, Inspection, Rectification, Reexamination
from tests.factories.accounts import OrganisationFactory


class EstablishedCentreFactory(factory.django.DjangoModelFactory):
    """An established centre (R-27), by default in 滨海新区 (120116)."""

    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"天津市已成立测试计量数据建设应用中心{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    district = factory.LazyFunction(lambda: District.objects.get(code="120116"))
    status = CentreStatus.ESTABLISHED
    approved_on = date(2020, 3, 1)
    construction_end = date(2022, 3, 1)
    established_on = date(2021, 6, 15)


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    centre = factory.SubFactory(EstablishedCentreFactory)
    year = 2025
    summary = "全年建成计量数据资源库一个，服务企业三十家。"
    submitted_on = date(2025, 11, 20)
    late = False


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    centre = factory.SubFactory(EstablishedCentreFactory)
    kind = InspectionKind.DAILY
    status = InspectionStatus.COMPLETED
    inspected_on = date(2026, 5, 10)
    inspectors = "张三、李四"
    items_checked = "数据资源管理、服务记录"
    findings = "服务记录不完整。"
    conclusion = Conclusion.RECTIFY


class RectificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rectification

    inspection = factory.SubFactory(InspectionFactory)
    centre = factory.LazyAttribute(lambda o: o.inspection.centre)
    requirements = "补齐服务记录。"
    deadline = date(2026, 8, 10)
    issued_on = date(2026, 5, 11)


class ReexaminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reexamination

    centre = factory.SubFactory(EstablishedCentreFactory)
    round_number = 1
    due_on = date(2026, 6, 15)
    scheduled_on = date(2026, 6, 20)
