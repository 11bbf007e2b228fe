"""Demo step of cms_pages: the site tree, the measures, and the demo pages read from cms_pages/data/demo/.

Idempotent: pages are matched by slug, units by credit code, centres by unit and name; a second run changes
nothing and publishes nothing.
"""

import logging
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import signal_handlers as search_signals
from modelsearch.backends import get_search_backends
from modelsearch.index import get_indexed_models
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms_pages.demo import content, site_tree
from cms_pages.measures.importer import import_measures
from cms_pages.models import (
    AchievementIndexPage,
    CentreIndexPage,
    KnowledgeIndexPage,
    NewsIndexPage,
    PolicyIndexPage,
    ServiceGuideIndexPage,
)


@contextmanager
def quiet_wagtail():
    """Wagtail logs every publish and background task at INFO; the loader shows its own counted progress."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextmanager
def bulk_search_indexing(progress):
    """Index the demo pages once at the end, in bulk, instead of once per save (a third of the load time).

    The reference index (admin "usage" counts) is not updated during the load either; demo pages do not
    reference each other in a way an editor needs to see before `manage.py rebuild_references_index`.
    """
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    page_models = [model for model in models if model._meta.app_label == "cms_pages"]
    for backend in get_search_backends(with_auto_update=True):
        for model in page_models:
            backend.add_bulk(model, list(model.get_indexed_objects()))
    progress.step("站内搜索索引已更新（Wagtail 后台搜索）")


def run(progress) -> None:
    with quiet_wagtail(), bulk_search_indexing(progress):
        _run(progress)


def _run(progress) -> None:
    home = site_tree.ensure_home(progress)
    columns = site_tree.ensure_columns(home, progress)
    sections = site_tree.ensure_district_sections(home, progress)
    site_tree.ensure_site_identity(home, progress)
    import_measures(progress=progress, parent=columns[PolicyIndexPage])
    centre_pages = content.load_centres(columns[CentreIndexPage], progress)
    content.load_achievements(columns[AchievementIndexPage], centre_pages, progress)
    content.load_knowledge(columns[KnowledgeIndexPage], progress)
    content.load_news(columns[NewsIndexPage], sections, progress)
    content.load_guides(columns[ServiceGuideIndexPage], progress)
