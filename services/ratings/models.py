"""好差评: invitations, ratings, the commission's follow-up of a 差评, the one 追评, and the project's own
holiday calendar for the years the chinese-calendar package does not cover."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from services.casework.models import AppendOnlyError, AppendOnlyQuerySet
from services.ratings import querysets
from services.ratings.constants import COMMENT_MAX, FollowUpStatus, Level
from services.reference.applicant_services import Service

USER = settings.AUTH_USER_MODEL


class AppendOnly(models.Model):
    """Ratings are written once and never changed or deleted (issue 12, item 8; like R-40's records)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("评价记录只可追加，不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("评价记录只可追加，不可删除。")


class InvitationQuerySet(AppendOnlyQuerySet):
    visible_to = querysets.invitations_visible_to


class RatingQuerySet(AppendOnlyQuerySet):
    visible_to = querysets.ratings_visible_to


class RatingInvitation(AppendOnly):
    """One per case that reached an end: the applicant unit is invited to rate it once."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    service = models.CharField("办理事项", max_length=30, choices=Service.choices, db_index=True)
    case_label = models.CharField("办件", max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="申请单位", on_delete=models.PROTECT, related_name="+"
    )
    ended_status = models.CharField("办结状态", max_length=60)
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "评价邀请"
        verbose_name_plural = "评价邀请"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="ratings_one_invitation_per_case"
            )
        ]

    def __str__(self):
        return f"{self.get_service_display()} {self.case_label}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("ratings:rate", args=[self.pk])


def level_field(label):
    return models.PositiveSmallIntegerField(label, choices=Level.choices)


class Rating(AppendOnly):
    invitation = models.OneToOneField(
        RatingInvitation, verbose_name="评价邀请", on_delete=models.PROTECT, related_name="rating"
    )
    rated_by = models.ForeignKey(USER, verbose_name="评价人", on_delete=models.PROTECT, related_name="+")
    overall = level_field("整体满意度")
    efficiency = level_field("办事效率")
    guide_accuracy = level_field("办事指南精确度")
    convenience = level_field("办事便捷度")
    platform = level_field("平台操作性")
    comment = models.TextField("评价意见", max_length=COMMENT_MAX, blank=True)
    reason = models.TextField("差评原因", max_length=COMMENT_MAX, blank=True)
    is_bad = models.BooleanField("差评", default=False, db_index=True)
    created_at = models.DateTimeField("评价时间", auto_now_add=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "评价"
        verbose_name_plural = "评价"

    def __str__(self):
        return f"{self.invitation}：{self.get_overall_display()}"


class BadRatingCase(models.Model):
    """The commission's follow-up of a 差评; its status moves only by the transition table."""

    rating = models.OneToOneField(Rating, verbose_name="差评", on_delete=models.PROTECT, related_name="case")
    status = models.CharField(
        "状态",
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.AWAITING_VISIT,
        db_index=True,
    )
    opened_on = models.DateField("收到差评日期（北京时间）")
    visit_note = models.TextField("回访情况", blank=True)
    visited_at = models.DateTimeField("回访时间", null=True, blank=True)
    feedback = models.TextField("整改情况反馈", blank=True)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)

    objects = querysets.BadRatingCaseQuerySet.as_manager()

    class Meta:
        ordering = ["opened_on", "id"]
        verbose_name = "差评整改"
        verbose_name_plural = "差评整改"

    def __str__(self):
        return f"差评整改：{self.rating.invitation}"


class AdditionalRating(AppendOnly):
    """追评: after the feedback, the applicant may add one more rating."""

    case = models.OneToOneField(
        BadRatingCase, verbose_name="差评整改", on_delete=models.PROTECT, related_name="additional"
    )
    rated_by = models.ForeignKey(USER, verbose_name="追评人", on_delete=models.PROTECT, related_name="+")
    level = level_field("追评等级")
    comment = models.TextField("追评意见", max_length=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField("追评时间", auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "追评"
        verbose_name_plural = "追评"


class HolidayYear(models.Model):
    """A year of the State Council's holiday arrangement entered by the project (beyond chinese-calendar)."""

    year = models.PositiveSmallIntegerField("年度", primary_key=True)
    source = models.CharField(
        "依据", max_length=200, help_text="如：国务院办公厅关于某年部分节假日安排的通知"
    )

    class Meta:
        ordering = ["year"]
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"

    def __str__(self):
        return f"{self.year}年"


class HolidayDay(models.Model):
    """A day that differs from the plain week: a holiday on a weekday, or a working day on a weekend (调休)."""

    year = models.ForeignKey(HolidayYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days")
    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", help_text="勾选：周末调休上班；不勾选：法定节假日休息。")
    name = models.CharField("名称", max_length=40, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "节假日调整日"
        verbose_name_plural = "节假日调整日"

    def __str__(self):
        return f"{self.day} {'上班' if self.is_workday else '休息'} {self.name}"
