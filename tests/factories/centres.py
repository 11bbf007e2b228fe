"""Centres in construction, as the approval decision creates them (the applications helper's action)."""

from datetime import date

import factory

from services.centres.constants import CentreStatus
from services.centres.models import Centre, TaskBook
from services.reference.models import District
from tests.factories.accounts import OrganisationFactory


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"天津市测试计量数据建设应用中心{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    district = factory.LazyAttribute(lambda o: o.organisation.district or District.objects.get(code="120116"))
    status = CentreStatus.CONSTRUCTING
    approved_on = date(2024, 5, 31)
    construction_end = date(2027, 5, 31)

    @factory.post_generation
    def task_book(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TaskBookFactory(centre=self)


class TaskBookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskBook

    centre = None
    number = factory.Sequence(lambda n: f"津计数筹〔2024〕{n + 1}号")
    targets = "建成覆盖全市重点行业的计量数据资源库；形成3项计量数据应用示范。"
    tasks = "一、建设计量数据采集平台；二、制定数据质量规范；三、开展应用示范。"
    period_start = factory.LazyAttribute(lambda o: o.centre.approved_on)
    period_end = factory.LazyAttribute(lambda o: o.centre.construction_end)
    issued_on = factory.LazyAttribute(lambda o: o.centre.approved_on)
