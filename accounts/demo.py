"""Demo step of accounts: one user per role, two bureaus, the experts (at least two in each key field), two
applicant units with an administrator each, a CMS editor, an auditor and a system administrator. Experts and
units are each one table and one builder (portal.demo_centres builds its other units with the same ones).
Idempotent (matched by username and credit code).

Demo staff get TOTP devices with fixed demo secrets, printed here so that a person can add them to an
authenticator app. The secrets are public: never run the demo loader on a production database.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.models import Group

from accounts.constants import LegalStatus, MemberRole, Role, UnitType
from accounts.models import ExpertProfile, Organisation, OrganisationMember, SealedTOTPDevice, User
from accounts.role_setup import district_editor_group_name, setup_roles
from services.reference.models import District, KeyField

DEMO_PASSWORD = "Jiliang-2025-demo"
VERIFIED_AT = datetime(2025, 8, 1, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    description: str
    bureau_code: str = ""
    unit_code: str = ""
    expert_fields: tuple[str, ...] = ()
    expert_employer: str = ""
    extra_groups: tuple[str, ...] = field(default=())
    is_staff: bool = False
    is_superuser: bool = False


@dataclass(frozen=True)
class DemoUnit:
    """A demo applicant unit and its administrator (who signs in as `admin`)."""

    credit_code: str
    name: str
    district_code: str
    unit_type: str = UnitType.ENTERPRISE
    address: str = ""  # default: the district's demo address
    admin: str = ""  # default: unit<last six characters of the credit code>.admin
    admin_name: str = ""  # default: the first six characters of the unit's name and 管理员

    @property
    def admin_username(self) -> str:
        return self.admin or f"unit{self.credit_code[-6:].lower()}.admin"


# The two applicant units of accounts.demo are the builders of cms_pages demo centres (matched by credit code);
# portal.demo_centres adds the other builders in the same shape.
UNITS = [
    DemoUnit(
        "91120116MA07K3LW83",
        "天津海晟动力电池检测技术有限公司",
        "120116",
        UnitType.ENTERPRISE,
        "天津市滨海新区海晟路8号",
        admin="haisheng.admin",
        admin_name="李海晟",
    ),
    DemoUnit(
        "12120104401862357P",
        "天津市医疗器械质量计量检测中心",
        "120104",
        UnitType.METROLOGY_INSTITUTION,
        "天津市南开区医检路12号",
        admin="yiliao.admin",
        admin_name="吴医检",
    ),
]
EXPERT_EMPLOYER_CODE = "12120111401638254U"  # 天津海河理工学院 (a demo unit of cms_pages)

# The demo experts (username, name, key fields, employer): at least two in each of the 15 key fields.
EXPERTS = [
    ("expert.sun", "孙教授", ("新能源", "新能源汽车"), "天津海河理工学院"),
    ("expert.zhou", "周研究员", ("医疗卫生", "生命健康"), "华北计量技术研究所"),
    ("expert.qian", "钱研究员", ("新一代信息技术", "高端装备", "航空航天", "其他"), "津门计量科学研究院"),
    ("expert.li", "李教授", ("新一代信息技术", "高端装备", "海洋装备", "新材料"), "华北工业大学"),
    ("expert.he", "何研究员", ("生物技术", "医疗卫生", "生命健康", "生态环境"), "渤海生物医学工程研究所"),
    ("expert.ma", "马高工", ("绿色环保", "生态环境", "新能源", "新能源汽车"), "华北能源环境研究院"),
    ("expert.lin", "林教授", ("公平贸易", "乡村振兴", "其他", "生物技术"), "津沽农业大学"),
    (
        "expert.gao",
        "高研究员",
        ("公平贸易", "乡村振兴", "绿色环保", "航空航天", "海洋装备", "新材料"),
        "北方海洋技术研究院",
    ),
]


def expert_user(username: str, full_name: str, fields: tuple[str, ...], employer: str) -> DemoUser:
    return DemoUser(
        username,
        full_name,
        Role.EXPERT,
        f"评审专家（{'、'.join(fields)}；{employer}）",
        expert_fields=fields,
        expert_employer=employer,
    )


def applicant_user(unit: DemoUnit) -> DemoUser:
    """The administrator of a demo unit (an applicant: no TOTP)."""
    return DemoUser(
        unit.admin_username,
        unit.admin_name or f"{unit.name[:6]}管理员",
        Role.APPLICANT,
        f"申请单位管理员（{unit.name}）",
        unit_code=unit.credit_code,
    )


DEMO_USERS = [
    DemoUser("commission.officer", "王经办", Role.COMMISSION_OFFICER, "市市场监管委计量处经办人员"),
    DemoUser("commission.leader", "刘处长", Role.COMMISSION_LEADER, "市市场监管委审批领导"),
    DemoUser(
        "binhai.officer",
        "陈滨海",
        Role.BUREAU_OFFICER,
        "滨海新区市场监管局人员（兼区局网站编辑）",
        bureau_code="120116",
    ),
    DemoUser(
        "nankai.officer",
        "赵南开",
        Role.BUREAU_OFFICER,
        "南开区市场监管局人员（兼区局网站编辑）",
        bureau_code="120104",
    ),
    *(expert_user(*expert) for expert in EXPERTS),
    *(applicant_user(unit) for unit in UNITS),
    DemoUser("cms.editor", "郑编辑", Role.CMS_EDITOR, "网站编辑（全站）"),
    DemoUser("auditor", "冯审计", Role.AUDITOR, "安全审计员（只读审计记录）", is_staff=True),
    DemoUser("sysadmin", "蒋管理", Role.SYSADMIN, "系统管理员", is_staff=True, is_superuser=True),
]


def demo_totp_key(username: str) -> str:
    """A fixed, public demo secret per user (40 hex characters = 160 bits)."""
    return hashlib.sha1(f"tianjin-metrology-demo-totp:{username}".encode()).hexdigest()


def run(progress) -> None:
    if settings.PORTAL_ENV in ("prod", "production"):
        raise RuntimeError("演示账户的密码和动态口令密钥是公开的，不能在生产环境载入。")
    audit_logger = logging.getLogger("accounts.audit")
    level = audit_logger.level
    audit_logger.setLevel(logging.WARNING)  # the loader shows its own progress; records still go to the DB
    try:
        _run(progress)
    finally:
        audit_logger.setLevel(level)


def _run(progress) -> None:
    setup_roles(write=lambda message: None)
    progress.step("角色组、区局网站编辑组已就绪")
    units = _ensure_units()
    for done, spec in enumerate(DEMO_USERS, start=1):
        user = ensure_user(spec, units)
        progress.count(done, len(DEMO_USERS), f"演示账户 {spec.username}（{spec.role.label}）")
        if spec.role != Role.APPLICANT:
            _ensure_totp(user)
    progress.step("演示账户的动态口令密钥和当前口令：manage.py demo_accounts")


def _ensure_units() -> dict[str, Organisation]:
    return {unit.credit_code: ensure_unit(unit) for unit in UNITS}


def ensure_unit(spec: DemoUnit) -> Organisation:
    """The demo unit, registered and with its e-mail verified (before any of its applications)."""
    district = District.objects.get(code=spec.district_code)
    unit, _ = Organisation.objects.get_or_create(
        credit_code=spec.credit_code,
        defaults={
            "name": spec.name,
            "unit_type": spec.unit_type,
            "legal_status": LegalStatus.INDEPENDENT,
            "address": spec.address or f"天津市{district.name}（演示地址）",
            "district": district,
        },
    )
    if unit.verified_at is None:
        unit.verified_at = VERIFIED_AT
        unit.save(update_fields=["verified_at"])
    return unit


def ensure_user(spec: DemoUser, units) -> User:
    user, created = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "full_name": spec.full_name,
            "email": f"{spec.username}@demo.tjmetrology.example.cn",
            "is_staff": spec.is_staff,
            "is_superuser": spec.is_superuser,
            "bureau": District.objects.get(code=spec.bureau_code) if spec.bureau_code else None,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    wanted = {str(spec.role)}
    if spec.role == Role.BUREAU_OFFICER:
        wanted.add(district_editor_group_name(user.bureau))
    missing = wanted - set(user.groups.values_list("name", flat=True))
    if missing:
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in missing])
    if spec.unit_code:
        OrganisationMember.objects.get_or_create(
            user=user, defaults={"organisation": units[spec.unit_code], "role": MemberRole.ADMINISTRATOR}
        )
    if spec.role == Role.EXPERT:
        profile, created = ExpertProfile.objects.get_or_create(
            user=user,
            defaults={
                "title": "教授" if "教授" in spec.full_name else "研究员",
                "employer_name": spec.expert_employer,
                "employer": Organisation.objects.filter(credit_code=EXPERT_EMPLOYER_CODE).first()
                if spec.expert_employer == "天津海河理工学院"
                else None,
            },
        )
        wanted_fields = set(KeyField.objects.filter(name__in=spec.expert_fields))
        if not wanted_fields <= set(profile.key_fields.all()):
            profile.key_fields.add(*wanted_fields)
    return user


def _ensure_totp(user: User) -> SealedTOTPDevice:
    key = demo_totp_key(user.username)
    device = SealedTOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or device.bin_key != bytes.fromhex(key):  # the key is sealed: compare it opened
        SealedTOTPDevice.objects.filter(user=user).delete()
        device = SealedTOTPDevice.objects.create(user=user, name="演示认证器", key=key, confirmed=True)
    return device
