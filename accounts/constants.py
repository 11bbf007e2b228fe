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


class AuditAction(models.TextChoices):
    """What an audit record records (R-43, R-40). Other apps pass these to accounts.audit.record()."""

    SIGN_IN = "sign_in", "登录"
    SIGN_IN_FAILED = "sign_in_failed", "登录失败"
    SIGN_OUT = "sign_out", "退出登录"
    LOCKED_OUT = "locked_out", "账户锁定"
    SESSION_TIMEOUT = "session_timeout", "会话超时"
    PASSWORD_RESET = "password_reset", "重置密码"
    OTP_ENROLLED = "otp_enrolled", "绑定双因素认证"
    OTP_VERIFIED = "otp_verified", "双因素认证通过"
    OTP_FAILED = "otp_failed", "双因素认证失败"
    OTP_BACKUP_CODE_USED = "otp_backup_code_used", "使用备用验证码"
    OTP_BACKUP_CODES_ISSUED = "otp_backup_codes_issued", "生成备用验证码"
    OTP_RESET = "otp_reset", "重置双因素认证"
    API_TOKEN_ISSUED = "api_token_issued", "签发接口令牌"
    API_TOKEN_REVOKED = "api_token_revoked", "撤销接口令牌"
    API_TOKEN_EXPIRED = "api_token_expired", "接口令牌过期"
    ROLE_GRANTED = "role_granted", "授予角色"
    ROLE_REVOKED = "role_revoked", "撤销角色"
    PERMISSION_GRANTED = "permission_granted", "授予对象权限"
    PERMISSION_REVOKED = "permission_revoked", "撤销对象权限"
    UNIT_REGISTERED = "unit_registered", "登记申请单位"
    UNIT_VERIFIED = "unit_verified", "申请单位邮箱验证"
    DATA_EXPORTED = "data_exported", "导出数据"
    FILE_DOWNLOADED = "file_downloaded", "下载文件"
    RATING_SUBMITTED = "rating_submitted", "提交好差评"
    RATING_FOLLOWED_UP = "rating_followed_up", "差评回访与整改反馈"
    RATING_ADDED = "rating_added", "追评"
    ACCESS_DENIED = "access_denied", "越权访问被拒绝"
    EXPERT_REGISTERED = "expert_registered", "登记评审专家"
    EXPERT_CHANGED = "expert_changed", "变更评审专家信息"


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"
    DENIED = "denied", "拒绝"
