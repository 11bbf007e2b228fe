"""R-25 … R-27: the acceptance report (annex 5) and the rectification notice as PDFs with the Chinese data;
establishment publishes the centre's public page."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from services.acceptance.actions import Establish, IssueNotice, ReportRectification
from services.acceptance.documents import acceptance_report_pdf, rectification_notice_pdf
from tests.services.documents.test_pdf import cjk_fonts_installed

pytestmark = pytest.mark.django_db
needs_fonts = pytest.mark.skipif(not cjk_fonts_installed(), reason="Noto CJK fonts not installed")


def text_of(pdf: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return text.replace("\n", "")


@needs_fonts
def test_acceptance_report_pdf_contains_the_chinese_data(people, applied, walk):
    """R-25: annex 5 carries the centre, unit, stages, items and score."""
    walk.appoint(applied)
    walk.round(applied, "85.5")
    text = text_of(acceptance_report_pdf(applied))
    for expected in [
        "验收报告",
        applied.centre.name,
        applied.centre.organisation.name,
        "滨海新区",
        "首次会议",
        "末次会议",
        "筹建任务书目标与任务完成情况",
        "85.5",
        "合格",
        "演示模板",
    ]:
        assert expected in text, expected


@needs_fonts
def test_rectification_notice_pdf_and_download(people, applied, walk, client):
    """R-26: the notice as PDF with number, deadline and requirements; the unit downloads it."""
    walk.appoint(applied)
    walk.round(applied, "70")
    ReportRectification(people.applicant, applied, body="已整改", today=date(2027, 5, 1)).run()
    applied.refresh_from_db()
    walk.round(applied, "75", start=date(2027, 5, 10))
    notice = IssueNotice(
        people.commission_officer,
        applied,
        deadline=date(2028, 5, 1),
        requirements="完善计量数据安全管理制度",
        today=date(2027, 5, 20),
    ).run()
    text = text_of(rectification_notice_pdf(notice))
    for expected in [
        "整改通知书",
        notice.number,
        "2028年5月1日",
        "完善计量数据安全管理制度",
        applied.centre.organisation.name,
    ]:
        assert expected in text, expected
    client.force_login(people.applicant)
    response = client.get(f"/acceptance/{applied.pk}/notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(people.other_applicant)
    assert client.get(f"/acceptance/{applied.pk}/notice.pdf").status_code == 404


def make_site_tree():
    from wagtail.models import Page

    from cms_pages.models import CentreIndexPage, HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="首页", slug="home-construction-test")
    root.add_child(instance=home)
    index = CentreIndexPage(title="中心名录", slug="centres")
    home.add_child(instance=index)
    return index


def test_establishment_creates_and_publishes_the_public_page(people, applied, walk, key_fields):
    """R-27: on establishment the centre's profile page is created and published with unit, district,
    fields and establishment date."""
    from cms_pages.models import CentrePage

    index = make_site_tree()
    centre = applied.centre
    centre.key_fields.set([next(iter(key_fields.values()))])
    walk.appoint(applied)
    walk.round(applied, "80.0")
    Establish(people.commission_leader, applied, today=date(2027, 3, 20)).run()
    page = CentrePage.objects.get(centre=centre)
    assert page.live and page.get_parent().specific == index
    assert page.unit_name == centre.organisation.name
    assert page.district == centre.district and page.status == "established"
    assert page.established_on == date(2027, 3, 20)
    assert list(page.key_fields.all()) == list(centre.key_fields.all())


def test_establishment_without_a_centre_index_still_establishes(people, applied, walk):
    """R-27: with no centre index page on the site the centre is established; no page is made."""
    from cms_pages.models import CentrePage

    walk.appoint(applied)
    walk.round(applied, "90")
    Establish(people.commission_leader, applied, today=date(2027, 3, 20)).run()
    applied.centre.refresh_from_db()
    assert applied.centre.status == "established" and not CentrePage.objects.exists()
