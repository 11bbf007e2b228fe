"""drf-spectacular hooks: the published schema documents the portal's API under /api/v1/ only
(Wagtail's internal admin API is not part of it)."""

API_PREFIX = "/api/v1/"


def only_portal_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
