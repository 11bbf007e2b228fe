"""The portal's page types, by family. Everything is re-exported here so `cms_pages.models.X` works."""

from cms_pages.models.achievements import (
    AchievementFile,
    AchievementIndexPage,
    AchievementPage,
    AchievementType,
)
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.centres import CentreIndexPage, CentrePage, CentrePageQuerySet
from cms_pages.models.districts import DistrictSectionPage
from cms_pages.models.guides import ServiceGuideForm, ServiceGuideIndexPage, ServiceGuidePage
from cms_pages.models.home import HomePage
from cms_pages.models.knowledge import (
    KnowledgeArticlePage,
    KnowledgeArticleTag,
    KnowledgeCategory,
    KnowledgeIndexPage,
)
from cms_pages.models.news import NewsIndexPage, NewsPage
from cms_pages.models.policy import PolicyAnnex, PolicyIndexPage, PolicyPage
from cms_pages.models.settings import SiteIdentity

__all__ = [
    "AchievementFile",
    "AchievementIndexPage",
    "AchievementPage",
    "AchievementType",
    "CentreIndexPage",
    "CentrePage",
    "CentrePageQuerySet",
    "ColumnMixin",
    "DemoFlag",
    "DistrictSectionPage",
    "HomePage",
    "KnowledgeArticlePage",
    "KnowledgeArticleTag",
    "KnowledgeCategory",
    "KnowledgeIndexPage",
    "NewsIndexPage",
    "NewsPage",
    "PolicyAnnex",
    "PolicyIndexPage",
    "PolicyPage",
    "ServiceGuideForm",
    "ServiceGuideIndexPage",
    "ServiceGuidePage",
    "SiteIdentity",
]
