"""Keep the search indexes in step with Wagtail: publish, unpublish, move, delete, view restrictions.

Each handler queues a task after the transaction commits, so a rolled-back publish never reaches the index
and the task reads the committed page."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


def _queue(task, page_id: int) -> None:
    transaction.on_commit(partial(task.delay, page_id))


def on_published(sender, instance, **kwargs):
    from search.tasks import index_page

    _queue(index_page, instance.pk)


def on_unpublished(sender, instance, **kwargs):
    from search.tasks import remove_page

    _queue(remove_page, instance.pk)


def on_moved(sender, instance, **kwargs):
    from search.tasks import index_subtree

    _queue(index_subtree, instance.pk)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from search.tasks import remove_page

        _queue(remove_page, instance.pk)


def on_restriction_changed(sender, instance, **kwargs):
    from search.tasks import index_subtree

    _queue(index_subtree, instance.page_id)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search.post_page_move")
    post_delete.connect(on_deleted, dispatch_uid="search.post_delete")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted"
    )
