from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from stdnum.cn import uscc

from accounts.constants import LegalStatus, MemberRole, UnitType


class User(AbstractUser):
    """A person using the portal. Bureau staff belong to exactly one bureau (their district)."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    bureau = models.ForeignKey(
        "reference.District",
        verbose_name="所属区市场监管局",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="仅区市场监管局人员填写；每人只属于一个区局。",
    )

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self):
        return self.full_name or self.username


def validate_credit_code(value: str) -> None:
    """R-01: a unified social credit code (GB 32100-2015) with a correct check character."""
    try:
        uscc.validate(value)
    except Exception as exc:
        raise ValidationError(
            "统一社会信用代码无效：应为18位，由数字和大写字母（不含I、O、S、V、Z）组成，且校验位正确。",
            code="invalid_credit_code",
        ) from exc


class Organisation(models.Model):
    """An applicant unit (申请单位). R-01."""

    name = models.CharField("单位名称", max_length=100)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    unit_type = models.CharField("单位类型", max_length=20, choices=UnitType.choices)
    legal_status = models.CharField("法人资格", max_length=20, choices=LegalStatus.choices)
    authorising_legal_person = models.CharField(
        "授权法人单位", max_length=100, blank=True, help_text="经独立法人授权的，填写授权法人单位名称。"
    )
    address = models.CharField("单位地址", max_length=200)
    district = models.ForeignKey("reference.District", verbose_name="所在区", on_delete=models.PROTECT)
    verified_at = models.DateTimeField("核验时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "申请单位"
        verbose_name_plural = "申请单位"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.legal_status == LegalStatus.AUTHORISED and not self.authorising_legal_person:
            raise ValidationError({"authorising_legal_person": "经独立法人授权的单位须填写授权法人单位。"})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OrganisationMember(models.Model):
    """A person acting for a unit. A person acts for one unit at most."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(
        "单位内角色", max_length=20, choices=MemberRole.choices, default=MemberRole.CONTACT
    )

    class Meta:
        verbose_name = "单位成员"
        verbose_name_plural = "单位成员"

    def __str__(self):
        return f"{self.organisation} · {self.user}"


class ExpertProfile(models.Model):
    """An expert of the commission's pool; employer and fields drive panel selection (R-11)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert")
    title = models.CharField("职称", max_length=50, blank=True)
    employer = models.ForeignKey(
        Organisation, verbose_name="工作单位（已登记）", null=True, blank=True, on_delete=models.SET_NULL
    )
    employer_name = models.CharField("工作单位", max_length=100)
    key_fields = models.ManyToManyField("reference.KeyField", verbose_name="专业领域", blank=True)

    class Meta:
        verbose_name = "专家"
        verbose_name_plural = "专家"

    def __str__(self):
        return f"{self.user}（{self.employer_name}）"
