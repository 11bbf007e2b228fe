import factory
from django.contrib.auth.models import Group

from accounts.constants import LegalStatus, UnitType
from accounts.models import Organisation, OrganisationMember, User
from services.reference.models import District

DEMO_PASSWORD = "Jiliang-2025-demo"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not extracted:
            if create:
                self.save()
            return
        for role in extracted:
            group, _ = Group.objects.get_or_create(name=str(role))
            self.groups.add(group)
        self.save()


# Valid unified social credit codes, generated with their check characters (GB 32100-2015).
def credit_code(n: int) -> str:
    from stdnum.cn import uscc

    body = f"91120116MA{n:07d}"[:17]
    return body + uscc.calc_check_digit(body)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"天津测试计量科技有限公司{n}")
    credit_code = factory.Sequence(credit_code)
    unit_type = UnitType.ENTERPRISE
    legal_status = LegalStatus.INDEPENDENT
    address = "天津市滨海新区测试路1号"
    district = factory.LazyFunction(lambda: District.objects.get(code="120116"))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, roles=["applicant"])
