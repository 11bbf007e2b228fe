"""Production: every secret from the environment, no defaults; a missing one stops start-up with its name."""

from django.core.exceptions import ImproperlyConfigured

from accounts.keyring import parse as parse_key_ring
from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool, env_int, env_list, env_required

DEBUG = False
if os.environ.get("PORTAL_TODAY", "").strip():  # noqa: F405
    raise ImproperlyConfigured("生产环境不得设置 PORTAL_TODAY（培训时钟）：请删除该环境变量后再启动。")
PORTAL_TODAY = None
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "") or [env_required("DJANGO_ALLOWED_HOSTS")]
env_required("DATABASE_URL")
# Keep database connections between requests (a new one costs a few milliseconds on every request).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
REDIS_URL = env_required("REDIS_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The audit chain's HMAC keys and the keys sealing TOTP secrets: required, parsed now, never the public
# development keys (an empty or malformed ring stops start-up with the variable's name).
AUDIT_HMAC_KEYS = env_required("AUDIT_HMAC_KEYS")
TOTP_KEY_ENCRYPTION_KEYS = env_required("TOTP_KEY_ENCRYPTION_KEYS")
_public_keys = {DEV_AUDIT_HMAC_KEYS, DEV_TOTP_KEY_ENCRYPTION_KEYS}  # noqa: F405
_public = {bytes.fromhex(ring.partition(":")[2]) for ring in _public_keys}
for _name, _ring, _lengths in (
    ("AUDIT_HMAC_KEYS", AUDIT_HMAC_KEYS, ()),
    ("TOTP_KEY_ENCRYPTION_KEYS", TOTP_KEY_ENCRYPTION_KEYS, (16, 32)),
):
    if _public & set(parse_key_ring(_ring, name=_name, lengths=_lengths).keys.values()):
        raise ImproperlyConfigured(f"{_name} is the public development key: set a key of your own")
