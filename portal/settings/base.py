"""Settings shared by every environment. Everything that differs comes from environment variables.

The README lists every variable with its default.
"""

import os
from datetime import timedelta
from pathlib import Path

import csp.constants as csp
import dj_database_url
from celery.schedules import crontab

from portal.settings.env import env_bool, env_int, env_list, env_networks
from services.deadlines.clock import parse_training_today

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# The environment name prefixes search index names and tags logs (dev, test, staging, prod).
PORTAL_ENV = os.environ.get("PORTAL_ENV", "dev")
# A training clock for dev and demo: "today" for the whole portal (services/deadlines/clock.py).
PORTAL_TODAY = parse_training_today(os.environ.get("PORTAL_TODAY"))

INSTALLED_APPS = [
    # the project's apps
    "portal",
    "accounts",
    "services.reference",
    "services.casework",
    "services.notifications",
    "services.centres",
    "services.files",
    "services.documents",
    "services.deadlines",
    "services.construction",
    "services.acceptance",
    "services.supervision",
    "services.applications",
    "services.reviews",
    "services.hall",
    "services.ratings",
    "services.workspaces",
    "cms_pages",
    "search",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # third party
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_ratelimit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django.forms",  # the widget templates, for FORM_RENDERER below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.cache_headers.CacheHeadersMiddleware",  # reads request.user on the way out
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AuditContextMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.OTPRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.rate_limits.RateLimitMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
                "cms_pages.context_processors.site_context",
                "services.notifications.context_processors.inbox",
                "accounts.context_processors.workspaces",
                "services.deadlines.context_processors.training_clock",
            ],
            # One date style everywhere: {{ day|cn_date }} (services/deadlines/formatting.py).
            "builtins": ["services.deadlines.templatetags.cn_dates"],
        },
    },
]

# One form design system (docs/decisions/0070): every form renders through the portal's own templates.
FORM_RENDERER = "portal.form_rendering.PortalFormRenderer"

# Embedded default: SQLite in the project folder. DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache holds what every public page shares (cms_pages.site_cache): Redis when REDIS_URL is set,
# local memory in the embedded default. Redis holds only what can be rebuilt, so a Redis that is down or slow
# must not take pages down: django-redis ignores its connection errors (a miss, a write dropped, logged) and
# gives up after REDIS_SOCKET_TIMEOUT seconds (docs/decisions/0130-redis-down-public-pages-serve.md).
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "1"))
# Off by default: logging each ignored error with its traceback (through the masking filter) for every cache
# call of every request made the outage's pages several times slower (bench_load.py); the rate limits log one
# line per request that passes or is refused uncounted (portal.rate_limits).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = env_bool("REDIS_LOG_IGNORED_ERRORS", False)


def redis_cache(location: str, **extra) -> dict:
    """A django-redis cache that survives Redis being down (the pages' cache and the rate-limit counters)."""
    options = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
        "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
    }
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location, "OPTIONS": options, **extra}


CACHES = {
    "default": (
        redis_cache(os.environ["REDIS_URL"])
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL

# Sign-in lock-out (django-axes, database handler: works on SQLite and PostgreSQL): 5 failures lock the
# account and, separately, the IP address for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "accounts.views.signin.locked_out"
AXES_VERBOSE = False
# The lock-out per IP address counts the client's address, not the front cache's (portal.client_address).
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"

# The proxies whose X-Forwarded-For is believed (addresses and CIDR networks; docker-compose.yml names the
# front cache). Empty: REMOTE_ADDR is the client. The audit trail, the rate limits and the lock-out take the
# client's address from portal.client_address (docs/decisions/0150-client-address-behind-the-front-cache.md).
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Two-factor sign-in. A signed-in user who needs a second factor and has not given it reaches only
# OTP_EXEMPT_PREFIXES; OTP_PROTECTED_PREFIXES name the staff areas (tests check every route under them).
OTP_TOTP_ISSUER = "天津计量数据中心平台"
OTP_PROTECTED_PREFIXES = ["/admin/", "/django-admin/", "/bureau/", "/commission/", "/expert/", "/api/"]
OTP_API_PREFIXES = ["/api/"]
OTP_EXEMPT_PREFIXES = [
    "/accounts/otp/",
    "/accounts/logout/",
    "/static/",
    "/favicon.ico",
]
# Registration: how long the e-mail verification link of a new applicant unit works.
UNIT_VERIFICATION_MAX_AGE = env_int("UNIT_VERIFICATION_MAX_AGE", 3 * 24 * 3600)
# guardian: no anonymous user row (it would show in Wagtail's user list)
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# The UI is Simplified Chinese first. Source strings are written in Chinese (docs/decisions/0002).
LANGUAGE_CODE = "zh-hans"
# Only zh-hans: LocaleMiddleware must not switch Django's and DRF's messages to a browser's English.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"  # dates are Beijing dates
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Case files live outside the web root and are served only through a permission check.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 50) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Front cache (Varnish, docker/varnish/default.vcl). Public pages say how long a shared cache may keep them;
# with VARNISH_URL set, the portal purges a page and the pages that list it when it changes (cms_pages.front_cache).
FRONT_CACHE_S_MAXAGE = env_int("FRONT_CACHE_S_MAXAGE", 3600)
FRONT_CACHE_MAX_AGE = env_int("FRONT_CACHE_MAX_AGE", 60)
FRONT_CACHE_PERSONAL_PREFIXES = [
    "/service-hall/",
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/bureau/",
    "/commission/",
    "/expert/",
    "/inbox/",
    "/acceptance/",
    "/files/",
]
VARNISH_URL = os.environ.get("VARNISH_URL", "")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": VARNISH_URL}}
    if VARNISH_URL
    else {}
)

# Wagtail
WAGTAIL_SITE_NAME = "天津市计量数据建设应用中心服务平台"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no English upgrade notice on the dashboard; upgrades go through review
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "doc",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "xls",
    "zip",
    "ofd",
]
# Search: an Elasticsearch URL switches the public search to Elasticsearch; without it, the database fallback.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_ANALYZER = os.environ.get("ELASTICSEARCH_ANALYZER", "smartcn")

# Wagtail's own search (the admin's page search) with queries segmented by jieba, as the indexed text is
# (cms_pages.search_fields): the database backend, or Wagtail's Elasticsearch 8 backend with the Chinese
# analyzers when ELASTICSEARCH_URL is set (search.wagtail_backend; decision 0120).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"].update(URLS=[ELASTICSEARCH_URL], INDEX_PREFIX=f"{PORTAL_ENV}-wagtail-")

# E-mail: console in the embedded default, SMTP when EMAIL_URL-style settings are given.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")  # for the file-based backend
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "天津市计量数据中心服务平台 <noreply@localhost>")

# Celery: the embedded default runs tasks inline and needs no broker.
# Worker:  celery -A portal worker -Q notifications,indexing,default --concurrency=2 -O fair
# Beat:    celery -A portal beat --schedule /tmp/celerybeat-schedule
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Inline only when no broker is named at all (an explicit CELERY_BROKER_URL, e.g. `make run`'s, queues).
CELERY_TASK_ALWAYS_EAGER = env_bool(
    "CELERY_TASK_ALWAYS_EAGER", not REDIS_URL and not os.environ.get("CELERY_BROKER_URL")
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up closes the database connection around every task; the worker keeps it instead and
# drops it only when Django would at the end of a request (CONN_MAX_AGE, errors): portal.celery.
CELERY_DB_REUSE_MAX = 1_000_000
CELERY_WORKER_MAX_TASKS_PER_CHILD = 1000
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 5
# An unacknowledged message (worker killed, acks_late) goes back to the queue after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "socket_connect_timeout": 5,
}
# The embedded default under `make run`: kombu's filesystem transport, a broker that needs no server. The
# web server, the worker and beat (Procfile) share one folder of the project.
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_FILESYSTEM_DIR = Path(os.environ.get("CELERY_FILESYSTEM_DIR") or BASE_DIR / "var" / "celery")
    for _folder in ("queue", "processed", "control"):
        (CELERY_FILESYSTEM_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
        "store_processed": False,
    }
# Publishing gives up fast when the broker is down: the outbox sweep re-queues what was not handed over.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_TASK_ROUTES = {
    "services.notifications.tasks.deliver_*": {"queue": "notifications"},
    "services.notifications.tasks.*": {"queue": "default"},
    "search.tasks.*": {"queue": "indexing"},
}
CELERY_BEAT_SCHEDULE: dict = {
    "notifications-requeue-stale": {
        "task": "services.notifications.tasks.requeue_stale",
        "schedule": float(env_int("NOTIFICATIONS_SWEEP_SECONDS", 60)),
        "options": {"expires": 55},
    },
    "notifications-scan-reminders": {
        "task": "services.notifications.tasks.scan_reminders",
        "schedule": crontab(hour=7, minute=0),  # 07:00 Beijing time, every day
        "options": {"expires": 12 * 3600},
    },
}

# Notifications (services.notifications): outbox, retries, reminders, SMS gateway.
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 6)
NOTIFICATIONS_RETRY_BACKOFF = env_int("NOTIFICATIONS_RETRY_BACKOFF", 30)  # seconds, doubled each try
NOTIFICATIONS_RETRY_BACKOFF_MAX = env_int("NOTIFICATIONS_RETRY_BACKOFF_MAX", 1800)
NOTIFICATIONS_REQUEUE_GRACE_SECONDS = env_int("NOTIFICATIONS_REQUEUE_GRACE_SECONDS", 120)
NOTIFICATIONS_SWEEP_LIMIT = env_int("NOTIFICATIONS_SWEEP_LIMIT", 5000)
NOTIFICATIONS_BATCH_SIZE = env_int(
    "NOTIFICATIONS_BATCH_SIZE", 100
)  # ids per delivery task (one SMTP connection)
NOTIFICATIONS_SCAN_BATCH_SIZE = env_int(
    "NOTIFICATIONS_SCAN_BATCH_SIZE", 500
)  # reminders per scan transaction
NOTIFICATIONS_MANDATORY_KINDS = env_list("NOTIFICATIONS_MANDATORY_KINDS", "")
REMINDER_OFFSETS_DAYS = [int(d) for d in env_list("REMINDER_OFFSETS_DAYS", "90,30,7,1")]
REMINDER_OVERDUE_CATCH_UP_DAYS = env_int("REMINDER_OVERDUE_CATCH_UP_DAYS", 7)
SMS_BACKEND = os.environ.get("SMS_BACKEND", "logging")  # "logging", "http" or a dotted path
SMS_HTTP_URL = os.environ.get("SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = os.environ.get("SMS_HTTP_TOKEN", "")
# the day after a construction period ends, flag it (00:30 Beijing time, CELERY_TIMEZONE).
CELERY_BEAT_SCHEDULE["construction-flag-lapsed-centres"] = {
    "task": "services.construction.tasks.flag_lapsed_centres",
    "schedule": crontab(hour=0, minute=30),
}

# REST framework
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its "Token" challenge makes a refused credential a 401, never anonymous treatment.
        "accounts.api_auth.ExpiringTokenAuthentication",
        "accounts.api_auth.OTPSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON bodies are bounded in size and nesting (portal/json_parsing.py): a hostile body is a 400.
    "DEFAULT_PARSER_CLASSES": [
        "portal.json_parsing.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # portal.errors: Django's English 404 details in Chinese, then the one answer to a refused action
    # (services.casework.api_errors: 403 not permitted, 400 wrong state (named) or bad input).
    "EXCEPTION_HANDLER": "portal.errors.api_exception_handler",
}
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"  # the styled Chinese page, with the site's header
SPECTACULAR_SETTINGS = {
    "TITLE": "天津市计量数据建设应用中心服务平台 API",
    "DESCRIPTION": "申请、评审、筹建、验收、监督管理与公开检索接口。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["portal.openapi.only_portal_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.openapi.document_error_statuses",
    ],
    # The docs page is served from the project's own static files (drf-spectacular-sidecar), no CDN.
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Choice sets that share a field name (status, kind, category, outcome) get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "CentreStatusEnum": "services.centres.constants.CentreStatus",
        "ApplicationStatusEnum": "services.applications.constants.ApplicationStatus",
        "AcceptanceStatusEnum": "services.acceptance.constants.AcceptanceStatus",
        "ExtensionStatusEnum": "services.construction.constants.ExtensionStatus",
        "DraftSubmittedStatusEnum": "services.reviews.constants.SheetStatus",  # sheets and reports
        "AnnualReportStatusEnum": "services.supervision.constants.ReportStatus",
        "InspectionStatusEnum": "services.supervision.constants.InspectionStatus",
        "RectificationStatusEnum": "services.supervision.constants.RectificationStatus",
        "ReexaminationStatusEnum": "services.supervision.constants.ReexaminationStatus",
        "DeliveryStatusEnum": "services.notifications.constants.DeliveryStatus",
        "InspectionKindEnum": "services.supervision.constants.InspectionKind",
        "StageKindEnum": "services.acceptance.constants.StageKind",
        "SearchKindEnum": "search.constants.Kind",
        "KnowledgeCategoryEnum": "cms_pages.models.knowledge.KnowledgeCategory",
        "ChangeCategoryEnum": "services.supervision.constants.ChangeCategory",
        "FollowUpOutcomeEnum": "services.supervision.constants.FollowUpOutcome",
        "ReexaminationOutcomeEnum": "services.supervision.constants.ReexaminationOutcome",
        "AttemptOutcomeEnum": "services.notifications.constants.AttemptOutcome",
        "AuditOutcomeEnum": "accounts.constants.AuditOutcome",
    },
}

# Sessions: staff and experts time out after 30 minutes idle (enforced by accounts middleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
STAFF_IDLE_TIMEOUT_SECONDS = env_int("STAFF_IDLE_TIMEOUT_SECONDS", 30 * 60)

# API tokens (django-rest-knox): hashed; idle out like a staff session; end API_TOKEN_MAX_AGE after issue.
API_TOKEN_MAX_AGE = env_int("API_TOKEN_MAX_AGE", 8 * 3600)
REST_KNOX = {
    "TOKEN_TTL": timedelta(seconds=min(STAFF_IDLE_TIMEOUT_SECONDS, API_TOKEN_MAX_AGE)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(seconds=API_TOKEN_MAX_AGE),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
}

# Audit trail: keyed chain, checkpoints (accounts.audit_chain, accounts.audit_checkpoint). Key rings
# are "id:hex,…" (first signs/seals, all verify/unseal); the defaults are public: production needs its own.
DEV_AUDIT_HMAC_KEYS = "dev:" + "64657620617564697420636861696e206b6579206e6f7420736563726574"
DEV_TOTP_KEY_ENCRYPTION_KEYS = "dev:" + "646576207365616c206b657920303031"
AUDIT_HMAC_KEYS = os.environ.get("AUDIT_HMAC_KEYS", DEV_AUDIT_HMAC_KEYS)
AUDIT_HMAC_ALGORITHM = os.environ.get("AUDIT_HMAC_ALGORITHM", "sm3")  # "sm3" (GB/T 39786) or "sha256"
AUDIT_CHECKPOINT_FILE = os.environ.get(
    "AUDIT_CHECKPOINT_FILE", str(BASE_DIR / "var" / "audit-checkpoints.jsonl")
)
AUDIT_CHECKPOINT_EMAILS = env_list("AUDIT_CHECKPOINT_EMAILS", "")
AUDIT_CHECKPOINT_INTERVAL_MINUTES = env_int("AUDIT_CHECKPOINT_INTERVAL_MINUTES", 60)
CELERY_BEAT_SCHEDULE["audit-checkpoint"] = {
    "task": "accounts.tasks.write_audit_checkpoint",
    "schedule": 60.0 * AUDIT_CHECKPOINT_INTERVAL_MINUTES,
    "options": {"expires": 60.0 * AUDIT_CHECKPOINT_INTERVAL_MINUTES},
}
# TOTP secrets are sealed at rest (accounts.totp_sealing): "sm4-gcm" (GB/T 39786) or "aes-gcm".
TOTP_KEY_ENCRYPTION_KEYS = os.environ.get("TOTP_KEY_ENCRYPTION_KEYS", DEV_TOTP_KEY_ENCRYPTION_KEYS)
TOTP_KEY_CIPHER = os.environ.get("TOTP_KEY_CIPHER", "sm4-gcm")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # ID numbers and phone numbers are masked in every log record (accounts.masking).
    "filters": {"mask_personal_data": {"()": "accounts.masking.MaskingFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_personal_data"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Content-Security-Policy (django-csp) and Permissions-Policy. Scripts and styles come from the portal's own
# static files, or carry the request's nonce (`{{ CSP_NONCE }}`); no inline script, style element or style
# attribute runs without one. The Wagtail editor, Django's admin and the API docs page ship inline code of
# their own and are left to their packages (docs/decisions/0012-content-security-policy.md).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/", "/api/v1/docs/"],
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# django-ratelimit (the one table of limited paths, portal/rate_limits.py) counts per IP address in a cache
# shared by every worker: Redis (django-redis, the backend django-ratelimit supports) when there is one;
# without it (the embedded default, one process) this process's memory, which django-ratelimit's checks
# (E003, W001) rightly call unshared.
# When the counters cannot be read (Redis down), GET and HEAD pass and every other method is refused with a 503
# (portal.rate_limits; docs/decisions/0130-redis-down-public-pages-serve.md).
CACHES["ratelimit"] = (
    redis_cache(REDIS_URL, KEY_PREFIX="ratelimit")
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
)
RATELIMIT_USE_CACHE = "ratelimit"
# key="ip" counts the client's address behind the front cache (TRUSTED_PROXIES), not the cache's own.
RATELIMIT_IP_META_KEY = "portal.client_address.ratelimit_ip"
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]
