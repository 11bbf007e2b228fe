"""OpenAPI description of the portal's session authentication (drf-spectacular extension)."""

from drf_spectacular.authentication import SessionScheme


class OTPSessionScheme(SessionScheme):
    """A browser session, valid for the API only once the second factor is verified (R-43)."""

    target_class = "accounts.api_auth.OTPSessionAuthentication"
