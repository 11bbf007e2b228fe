"""OpenAPI description of the portal's session and token authentication (drf-spectacular extensions)."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class OTPSessionScheme(SessionScheme):
    """A browser session, valid for the API only once the second factor is verified (R-43)."""

    target_class = "accounts.api_auth.OTPSessionAuthentication"


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Token <key>``: a hashed, expiring API token (django-rest-knox)."""

    target_class = "accounts.api_auth.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
