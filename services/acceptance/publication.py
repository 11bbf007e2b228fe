"""R-27: the established centre's public profile page (cms_pages.CentrePage, the foundation's model).

Created under the site's first CentreIndexPage and published, with the unit, district, key fields and
establishment date. Called inside the Establish action's transaction; if the site has no centre index
page yet, nothing is created and None is returned (the establishment still stands; an editor adds the page).
"""

import logging

from django.utils.text import slugify

from services.deadlines.formatting import cn_date

logger = logging.getLogger(__name__)


def publish_centre_page(centre, user=None):
    from cms_pages.models import CentreIndexPage, CentrePage

    page = CentrePage.objects.filter(centre=centre).first()
    if page is None:
        index = CentreIndexPage.objects.live().order_by("path").first()
        if index is None:
            logger.warning("No CentreIndexPage: the public page of centre %s was not created.", centre.pk)
            return None
        page = CentrePage(
            title=centre.name,
            slug=slugify(f"centre-{centre.pk}") or f"centre-{centre.pk}",
            centre=centre,
            unit_name=centre.organisation.name,
            district=centre.district,
            status=centre.status,
            established_on=centre.established_on,
            summary=f"{centre.name}由{centre.organisation.name}建设，"
            f"{cn_date(centre.established_on)}经市市场监管委验收考核合格，同意成立。",
        )
        index.add_child(instance=page)
    else:
        page.status, page.established_on = centre.status, centre.established_on
    page.key_fields.set(centre.key_fields.all())
    actor = user if getattr(user, "pk", None) else None
    revision = page.save_revision(user=actor, log_action=True)
    # The Establish action has checked that the actor is a commission leader; CMS page permissions
    # are for editors, so they are not asked here.
    revision.publish(user=actor, skip_permission_checks=True)
    return page
