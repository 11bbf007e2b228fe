from django.db import models


class ApplicationStatus(models.TextChoices):
    """The life of an application for construction (R-10 … R-14)."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "退回补正"
    RESUBMITTED = "resubmitted", "补正后已提交"
    UNDER_REVIEW = "under_review", "专家评审中"
    APPROVED = "approved", "已批准筹建"
    REJECTED = "rejected", "未予批准"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.RESUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
)
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
AWAITING_COMMISSION = (ApplicationStatus.SUBMITTED, ApplicationStatus.RESUBMITTED)


class Condition(models.TextChoices):
    """The six conditions of Article 8 (R-02)."""

    RESOURCES = "resources", "具备一定的计量数据资源和成果基础"
    MANAGEMENT = "management", "具有完善的管理制度和良好的产业基础"
    INNOVATION = "innovation", "具有创新机制、人才队伍和知识产权保护能力"
    SECURITY = "security", "具有稳定的网络和数据安全保障团队及设施"
    FUNDING = "funding", "具有稳定的经费保障"
    COMPLIANCE = "compliance", "近3年内无违法违规、严重失信及网络、数据、生产安全事故"


class Section(models.TextChoices):
    """The sections of the application form (申报书, annex 1)."""

    BASIC = "basic", "一、基本信息"
    PARTNERS = "partners", "二、联合建设单位"
    BASIS = "basis", "三、建设基础"
    GOALS = "goals", "四、建设目标与任务"
    MANAGEMENT = "management", "五、组织管理"
    CONDITIONS = "conditions", "六、申报条件（第八条）"
    ATTACHMENTS = "attachments", "七、附件"


DECLARATION_TEXT = (
    "本单位郑重声明：所提交的申报材料真实、合法、有效，如有虚假，本单位愿承担相应法律责任。"
    "本人受单位委托提交本申报书。"
)

FILE_PURPOSE_ATTACHMENT = "attachment"


def condition_purpose(code: str) -> str:
    return f"condition:{code}"


# The longest text each free-text answer may hold (design values: a few pages of the 申报书 each), on the
# model fields: the page forms and the API refuse the same (issue 15).
TEXT_LIMITS = {
    "unit_profile": 2000,
    "construction_basis": 5000,
    "goals": 3000,
    "tasks": 3000,
    "organisation_management": 3000,
}
PARTNER_TEXT_MAX = 2000  # a partner unit's part of the build (design)
