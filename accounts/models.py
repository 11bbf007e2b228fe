from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import totp_sealing
from accounts.audit_chain import record_content
from accounts.constants import AuditAction, AuditOutcome, LegalStatus, MemberRole, UnitType
from accounts.querysets import OrganisationQuerySet
from services.reference.validators import (
    validate_credit_code,
    validate_no_format_characters,
    validate_phone,
)


class User(AbstractUser):
    """A person using the portal. Bureau staff belong to exactly one bureau (their district)."""

    full_name = models.CharField(
        "姓名", max_length=50, blank=True, validators=[validate_no_format_characters]
    )
    phone = models.CharField("手机号码", max_length=20, blank=True, validators=[validate_phone])
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


class Organisation(models.Model):
    """An applicant unit (申请单位). R-01."""

    name = models.CharField("单位名称", max_length=100, validators=[validate_no_format_characters])
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    unit_type = models.CharField("单位类型", max_length=20, choices=UnitType.choices)
    legal_status = models.CharField("法人资格", max_length=20, choices=LegalStatus.choices)
    authorising_legal_person = models.CharField(
        "授权法人单位",
        max_length=100,
        blank=True,
        help_text="经独立法人授权的，填写授权法人单位名称。",
        validators=[validate_no_format_characters],
    )
    address = models.CharField("单位地址", max_length=200)
    district = models.ForeignKey("reference.District", verbose_name="所在区", on_delete=models.PROTECT)
    verified_at = models.DateTimeField("核验时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

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
    title = models.CharField("职称", max_length=50, blank=True, validators=[validate_no_format_characters])
    employer = models.ForeignKey(
        Organisation, verbose_name="工作单位（已登记）", null=True, blank=True, on_delete=models.SET_NULL
    )
    employer_name = models.CharField("工作单位", max_length=100, validators=[validate_no_format_characters])
    employer_credit_code = models.CharField(
        "工作单位统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    key_fields = models.ManyToManyField("reference.KeyField", verbose_name="专业领域", blank=True)
    is_available = models.BooleanField(
        "在库可选派", default=True, help_text="停用后不再出现在专家组和考核组的候选名单中。"
    )

    class Meta:
        verbose_name = "专家"
        verbose_name_plural = "专家"

    def __str__(self):
        return f"{self.user}（{self.employer_name}）"


class AuditTrailIsAppendOnly(Exception):
    """Raised when code tries to change or delete an audit record (R-40, R-43)."""


class AuditRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly("审计记录只可追加，不可修改。")

    def delete(self):
        raise AuditTrailIsAppendOnly("审计记录只可追加，不可删除。")

    def _raw_delete(self, using):
        raise AuditTrailIsAppendOnly("审计记录只可追加，不可删除。")


class AuditRecord(models.Model):
    """One security-relevant event (R-43): sign-in, OTP, permission change, export, download.

    Append-only three times over: this model and its queryset refuse to change or delete, and the database
    refuses UPDATE and DELETE with a trigger (migration 0003), and the application's database role holds
    only SELECT and INSERT on the table (``manage.py database_roles``). Each record's ``hash`` is an HMAC
    (SM3 by default) under the key ``key_id`` from the environment, over the previous record's HMAC and the
    canonical JSON of this record (``accounts.audit_chain``); ``prev_hash`` is unique, so two writers can
    never fork the chain.
    """

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # No database constraint: a deleted user must not cascade into (or be blocked by) the audit trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField("操作人账号", max_length=150, blank=True, db_index=True)
    action = models.CharField("事件", max_length=40, choices=AuditAction.choices, db_index=True)
    outcome = models.CharField(
        "结果", max_length=10, choices=AuditOutcome.choices, default=AuditOutcome.SUCCESS
    )
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    ip_address = models.GenericIPAddressField("IP地址", null=True, blank=True)
    details = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField("前一条链接值", max_length=64, unique=True)
    hash = models.CharField("消息认证码", max_length=64, unique=True)
    key_id = models.CharField("密钥编号", max_length=8, default="", editable=False)
    algorithm = models.CharField("算法", max_length=10, default="", editable=False)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_username or '匿名'} {self.get_action_display()}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditTrailIsAppendOnly("审计记录只可追加，不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("审计记录只可追加，不可删除。")

    def canonical_content(self) -> dict:
        """The fields the HMAC covers, as plain JSON values."""
        return record_content(self)


class SealedTOTPDevice(TOTPDevice):
    """django-otp's TOTP device with its secret sealed at rest (R-43, ``accounts.totp_sealing``).

    Same table and behaviour as ``TOTPDevice`` (replay refused through ``last_t``, throttling, drift); only
    ``key`` holds ciphertext, sealed on save and opened in ``bin_key``. A secret sealed under an older key
    of the ring is sealed again under the current key the next time the device is saved.
    """

    class Meta:
        proxy = True
        verbose_name = "动态口令认证器"
        verbose_name_plural = "动态口令认证器"

    def _associated(self) -> bytes:
        return f"totp:{self.user_id}".encode("ascii")

    @property
    def bin_key(self) -> bytes:
        if not totp_sealing.is_sealed(self.key):
            return bytes.fromhex(self.key)
        return totp_sealing.unseal(self.key, self._associated())

    def save(self, *args, **kwargs):
        sealed = totp_sealing.is_sealed(self.key)
        if not sealed or totp_sealing.sealed_key_id(self.key) != totp_sealing.sealing_keys().current_id:
            self.key = totp_sealing.seal(self.bin_key, self._associated())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)


class HashedStaticDevice(StaticDevice):
    """django-otp's backup-code device with each code stored as a keyed hash (R-43): a database reader
    cannot use a code; ``verify_token`` hashes what is typed (under every key of the ring) before django-otp's
    own single-use check, which deletes the matched code."""

    class Meta:
        proxy = True
        verbose_name = "备用验证码"
        verbose_name_plural = "备用验证码"

    def add_codes(self, codes) -> None:
        StaticToken.objects.bulk_create(
            StaticToken(device=self, token=totp_sealing.backup_code_digests(code, self.user_id)[0])
            for code in codes
        )

    def verify_token(self, token):
        digests = totp_sealing.backup_code_digests(str(token), self.user_id)
        stored = self.token_set.filter(token__in=digests).values_list("token", flat=True).first()
        return super().verify_token(stored or digests[0])
