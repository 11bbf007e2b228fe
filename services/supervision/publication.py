"""What the public sees of supervision (R-35): a revoked centre leaves the list of established centres, and its
profile page (cms_pages.CentrePage, if the site has one for it) says it was revoked. History is kept."""

from django.apps import apps

from services.centres.constants import CentreStatus


def established_centres():
    """The public list of established centres: revoked ones are not on it (R-35)."""
    from services.centres.models import Centre

    return Centre.objects.filter(status=CentreStatus.ESTABLISHED)


def mark_revoked(centre) -> int:
    """Set the status of the centre's public profile pages to revoked. Returns how many pages changed.

    Called inside the revoke action's transaction. Without the cms_pages.CentrePage model (not yet merged)
    there is nothing to update, and the public list still drops the centre because it follows its status.
    """
    try:
        page_model = apps.get_model("cms_pages", "CentrePage")
    except LookupError:
        return 0
    field_names = {f.name for f in page_model._meta.get_fields()}
    if not {"status", "centre"} <= field_names:
        return 0
    changed = 0
    for page in page_model.objects.filter(centre=centre):
        page.status = CentreStatus.REVOKED
        revision = page.save_revision(log_action=False) if hasattr(page, "save_revision") else None
        if revision is not None and page.live:
            revision.publish()
        else:
            page.save()
        changed += 1
    return changed
