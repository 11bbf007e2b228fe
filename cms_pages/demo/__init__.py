"""Demo step of cms_pages: the site tree, the measures, and the demo pages read from cms_pages/data/demo/.

Idempotent: pages are matched by slug, units by credit code, centres by unit and name; a second run changes
nothing and publishes nothing.
"""

import logging
from contextlib import contextmanager

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


def run(progress) -> None:
    with quiet_wagtail():
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
