"""Demo step of accounts: one user per role, two bureaus, two experts, two applicant units with a member
each, a CMS editor, an auditor and a system administrator. Idempotent (matched by username and credit code).

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

# The two applicant units are the demo builders of the cms_pages demo centres (matched by credit code).
UNITS = {
    "91120116MA07K3LW83": {
        "name": "天津海晟动力电池检测技术有限公司",
        "unit_type": UnitType.ENTERPRISE,
        "address": "天津市滨海新区海晟路8号",
        "district_code": "120116",
    },
    "12120104401862357P": {
        "name": "天津市医疗器械质量计量检测中心",
        "unit_type": UnitType.METROLOGY_INSTITUTION,
        "address": "天津市南开区医检路12号",
        "district_code": "120104",
    },
}
EXPERT_EMPLOYER_CODE = "12120111401638254U"  # 天津海河理工学院 (a demo unit of cms_pages)


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
    DemoUser(
        "expert.sun",
        "孙教授",
        Role.EXPERT,
        "评审专家（新能源、新能源汽车；天津海河理工学院）",
        expert_fields=("新能源", "新能源汽车"),
        expert_employer="天津海河理工学院",
    ),
    DemoUser(
        "expert.zhou",
        "周研究员",
        Role.EXPERT,
        "评审专家（医疗卫生、生命健康；华北计量技术研究所）",
        expert_fields=("医疗卫生", "生命健康"),
        expert_employer="华北计量技术研究所",
    ),
    DemoUser(
        "expert.qian",
        "钱研究员",
        Role.EXPERT,
        "评审专家（新一代信息技术、高端装备、航空航天、其他；津门计量科学研究院）",
        expert_fields=("新一代信息技术", "高端装备", "航空航天", "其他"),
        expert_employer="津门计量科学研究院",
    ),
    DemoUser(
        "expert.li",
        "李教授",
        Role.EXPERT,
        "评审专家（新一代信息技术、高端装备、海洋装备、新材料；华北工业大学）",
        expert_fields=("新一代信息技术", "高端装备", "海洋装备", "新材料"),
        expert_employer="华北工业大学",
    ),
    DemoUser(
        "expert.he",
        "何研究员",
        Role.EXPERT,
        "评审专家（生物技术、医疗卫生、生命健康、生态环境；渤海生物医学工程研究所）",
        expert_fields=("生物技术", "医疗卫生", "生命健康", "生态环境"),
        expert_employer="渤海生物医学工程研究所",
    ),
    DemoUser(
        "expert.ma",
        "马高工",
        Role.EXPERT,
        "评审专家（绿色环保、生态环境、新能源、新能源汽车；华北能源环境研究院）",
        expert_fields=("绿色环保", "生态环境", "新能源", "新能源汽车"),
        expert_employer="华北能源环境研究院",
    ),
    DemoUser(
        "expert.lin",
        "林教授",
        Role.EXPERT,
        "评审专家（公平贸易、乡村振兴、其他、生物技术；津沽农业大学）",
        expert_fields=("公平贸易", "乡村振兴", "其他", "生物技术"),
        expert_employer="津沽农业大学",
    ),
    DemoUser(
        "expert.gao",
        "高研究员",
        Role.EXPERT,
        "评审专家（公平贸易、乡村振兴、绿色环保、航空航天、海洋装备、新材料；北方海洋技术研究院）",
        expert_fields=("公平贸易", "乡村振兴", "绿色环保", "航空航天", "海洋装备", "新材料"),
        expert_employer="北方海洋技术研究院",
    ),
    DemoUser(
        "haisheng.admin",
        "李海晟",
        Role.APPLICANT,
        "申请单位管理员（天津海晟动力电池检测技术有限公司）",
        unit_code="91120116MA07K3LW83",
    ),
    DemoUser(
        "yiliao.admin",
        "吴医检",
        Role.APPLICANT,
        "申请单位管理员（天津市医疗器械质量计量检测中心）",
        unit_code="12120104401862357P",
    ),
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
    units = {}
    for code, data in UNITS.items():
        unit, _ = Organisation.objects.get_or_create(
            credit_code=code,
            defaults={
                "name": data["name"],
                "unit_type": data["unit_type"],
                "legal_status": LegalStatus.INDEPENDENT,
                "address": data["address"],
                "district": District.objects.get(code=data["district_code"]),
            },
        )
        if unit.verified_at is None:
            unit.verified_at = VERIFIED_AT
            unit.save(update_fields=["verified_at"])
        units[code] = unit
    return units


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
