from django.db import models


class Role(models.TextChoices):
    """Roles are Django groups of these names (accounts issue); a user may hold several."""

    APPLICANT = "applicant", "申请单位用户"
    COMMISSION_OFFICER = "commission_officer", "市市场监管委经办人员"
    COMMISSION_LEADER = "commission_leader", "市市场监管委审批领导"
    BUREAU_OFFICER = "bureau_officer", "区市场监管局人员"
    EXPERT = "expert", "评审专家"
    CMS_EDITOR = "cms_editor", "网站编辑"
    AUDITOR = "auditor", "安全审计员"
    SYSADMIN = "sysadmin", "系统管理员"


# every role but the applicant must sign in with a second factor.
ROLES_REQUIRING_OTP = frozenset(set(Role) - {Role.APPLICANT})


class UnitType(models.TextChoices):
    METROLOGY_INSTITUTION = "metrology", "计量技术机构"
    RESEARCH_INSTITUTE = "research", "科研院所"
    UNIVERSITY = "university", "高等院校"
    ENTERPRISE = "enterprise", "企业"
    OTHER = "other", "其他"


class LegalStatus(models.TextChoices):
    INDEPENDENT = "independent", "具有独立法人资格"
    AUTHORISED = "authorised", "经独立法人授权"


class MemberRole(models.TextChoices):
    ADMINISTRATOR = "admin", "单位管理员"
    CONTACT = "contact", "联系人"
