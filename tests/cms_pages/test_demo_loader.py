"""The demo loader step of cms_pages: the site tree, the measures and the demo pages, idempotent."""

from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from accounts.models import Organisation
from cms_pages.models import (
    AchievementPage,
    CentrePage,
    DistrictSectionPage,
    HomePage,
    KnowledgeArticlePage,
    NewsPage,
    PolicyPage,
    ServiceGuidePage,
    SiteIdentity,
)
from services.centres.constants import CentreStatus
from services.centres.models import Centre


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "organisations": Organisation.objects.count(),
        "centres": Centre.objects.count(),
        "key_field_links": Centre.key_fields.through.objects.count(),
        "tags": KnowledgeArticlePage.tags.through.objects.count(),
    }


def test_site_tree_replaces_the_wagtail_welcome_page(demo_site):
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    menu = [page.title for page in home.get_children().live().in_menu()]
    assert menu == ["政策法规", "办事服务", "中心名录", "成果展示", "知识库", "工作动态"]


def test_one_section_per_district(demo_site, districts):
    assert DistrictSectionPage.objects.count() == 16
    assert set(DistrictSectionPage.objects.values_list("district__name", flat=True)) == set(districts)


def test_demo_pages_units_and_centres_are_created_and_marked_demo(demo_site):
    assert PolicyPage.objects.live().count() == 1
    assert CentrePage.objects.count() == 3
    assert AchievementPage.objects.live().count() == 4
    assert KnowledgeArticlePage.objects.live().count() == 2
    assert NewsPage.objects.live().count() == 2
    assert ServiceGuidePage.objects.live().count() == 2
    for model in (CentrePage, AchievementPage, KnowledgeArticlePage, NewsPage, ServiceGuidePage):
        assert not model.objects.filter(is_demo=False).exists(), model
    assert SiteIdentity.objects.get().demo_notice is True

    energy = CentrePage.objects.get(slug="energy-metrology-data")
    assert energy.centre.organisation.credit_code == "12120000401357826E"
    assert energy.centre.status == CentreStatus.ESTABLISHED
    assert energy.centre.district == energy.district
    assert {k.name for k in energy.key_fields.all()} == {k.name for k in energy.centre.key_fields.all()}
    assert energy.centre.approved_on < energy.centre.established_on <= energy.centre.construction_end

    guide = ServiceGuidePage.objects.get(slug="construction-application")
    assert len(guide.conditions) == 6
    assert guide.materials[0].value["form"] == "电子"
    assert [form.title for form in guide.forms.all()] == ["天津市计量数据建设应用中心申报书"]
    assert {
        tag.name for tag in KnowledgeArticlePage.objects.get(slug="measurement-traceability").tags.all()
    } == {
        "溯源性",
        "数据质量",
    }


def test_a_centre_not_yet_established_has_no_public_profile(demo_site):
    """R-27: the public profile comes with establishment; before it the page is a draft."""
    constructing = CentrePage.objects.get(slug="smart-sensing-iiot")
    assert not constructing.live
    assert constructing.centre.status == CentreStatus.CONSTRUCTING


def test_running_the_loader_twice_changes_nothing(demo_site, progress):
    from cms_pages import demo

    before = snapshot()
    demo.run(progress)
    assert snapshot() == before


def test_load_demo_command_shows_counted_progress(small_demo_data, db):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "区局专栏" in text and "16/16" in text
    assert "演示内容已载入" in text
