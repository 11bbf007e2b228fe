import factory
from django.contrib.auth.models import Group

from accounts.constants import LegalStatus, UnitType
from accounts.models import ExpertProfile, Organisation, OrganisationMember, User
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


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory, roles=["expert"])
    title = "研究员"
    employer_name = "中国计量科学研究院"


# Two-factor helpers (R-43) --------------------------------------------------------------------------


def totp_device(user, confirmed=True):
    """The user's TOTP device (created on first call)."""
    from accounts.models import SealedTOTPDevice

    device = SealedTOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    return device or SealedTOTPDevice.objects.create(user=user, name="测试认证器", confirmed=confirmed)


def totp_token(device, offset_steps: int = 0) -> str:
    """The device's current code (or the one ``offset_steps`` steps away), as the app would show it."""
    import time

    from django_otp.oath import totp

    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if offset_steps:
        from django_otp.oath import TOTP

        generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        generator.time = time.time() + offset_steps * device.step
        value = generator.token()
    return f"{value:0{device.digits}d}"


def login_verified(client, user):
    """Sign ``user`` in on the test client with a verified second factor, as after the OTP page."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    device = totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
