"""Drop the cached public site (cms_pages.site_cache, and the front cache) whenever it may have changed.

Publish, unpublish, move and delete of a page, any change of a view restriction, the site identity or a
site invalidate at once and again after COMMIT, so no process keeps a value read before the change commits.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms_pages import front_cache, site_cache


def invalidate_site_cache(**kwargs) -> None:
    site_cache.invalidate()
    transaction.on_commit(site_cache.invalidate)


def on_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_site_cache()


def on_identity_saved(**kwargs) -> None:
    front_cache.ban_everything()


def on_page_deleting(sender, instance, **kwargs) -> None:
    if sender is Page:  # once per page (a page's specific row sends the signal too)
        front_cache.on_page_deleted(instance)


def connect() -> None:
    from cms_pages.models.settings import SiteIdentity

    page_published.connect(invalidate_site_cache, dispatch_uid="cms_pages.cache.published")
    page_unpublished.connect(invalidate_site_cache, dispatch_uid="cms_pages.cache.unpublished")
    post_page_move.connect(invalidate_site_cache, dispatch_uid="cms_pages.cache.moved")
    post_delete.connect(on_deleted, dispatch_uid="cms_pages.cache.deleted")
    for model in (PageViewRestriction, SiteIdentity, Site):
        post_save.connect(
            invalidate_site_cache, sender=model, dispatch_uid=f"cms_pages.cache.{model.__name__}.saved"
        )
        post_delete.connect(
            invalidate_site_cache, sender=model, dispatch_uid=f"cms_pages.cache.{model.__name__}.deleted"
        )
    # The front cache: the pages that list a changed page (Wagtail's frontend_cache purges the page itself).
    page_published.connect(front_cache.on_page_changed, dispatch_uid="cms_pages.front.published")
    page_unpublished.connect(front_cache.on_page_changed, dispatch_uid="cms_pages.front.unpublished")
    post_page_move.connect(front_cache.on_page_moved, dispatch_uid="cms_pages.front.moved")
    pre_delete.connect(on_page_deleting, dispatch_uid="cms_pages.front.deleted")
    post_save.connect(on_identity_saved, sender=SiteIdentity, dispatch_uid="cms_pages.front.identity")
    m2m_changed.connect(
        invalidate_site_cache,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="cms_pages.cache.restriction_groups",
    )
