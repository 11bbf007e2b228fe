"""The pages: dashboards, charts, forms with bad input (Chinese message, nothing saved), the tenant boundary."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from services.centres.constants import CentreStatus
from services.supervision.models import AnnualReport, Inspection, Rectification, Revocation
from tests.factories.accounts import login_verified
from tests.factories.supervision import AnnualReportFactory, InspectionFactory, RectificationFactory
from tests.services.supervision.conftest import pdf

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=BEIJING), tick=False)


def signed_in(user):
    return login_verified(Client(), user)


def test_bureau_dashboard_lists_its_centres_deadlines_overdue_and_charts(people, centres):
    """R-32, R-30, R-42: the bureau sees its own centres, next deadline with days left, overdue items, charts."""
    binhai = centres["binhai"]
    AnnualReportFactory(centre=binhai, year=2025, submitted_on=date(2025, 12, 3), late=True)
    RectificationFactory(inspection=InspectionFactory(centre=binhai), deadline=date(2027, 1, 10))
    with at(date(2026, 12, 5)):
        page = signed_in(people.bureau_officer).get(reverse("bureau:home"))
    text = page.content.decode()
    assert page.status_code == 200
    assert binhai.name in text and centres["nankai"].name not in text
    assert "2026年度工作总结报告缺失" in text and "2024年度工作总结报告缺失" in text
    assert "2025年度工作总结报告缺失" not in text
    assert "整改期限：2027年1月10日" in text and "<td>36</td>" in text  # days left
    assert text.count("<svg") == 3 and 'role="img"' in text
    assert "各状态中心数量" in text and "年度工作总结报告报送情况" in text and "未办结整改数量" in text
    assert "辖区申请单位" in text  # the accounts page is still there


def test_commission_dashboard_is_city_wide_with_district_breakdown(people, centres):
    with at(date(2026, 12, 5)):
        page = signed_in(people.commission_officer).get(reverse("supervision:commission_dashboard"))
    text = page.content.decode()
    assert page.status_code == 200
    assert centres["binhai"].name in text and centres["nankai"].name in text
    assert "分区统计" in text and "滨海新区" in text and "南开区" in text
    assert "未办结整改数量（按区）" in text


def test_annual_report_form_on_time_and_late(people, centres):
    """R-30: submitted through the page with a file; in December it is accepted as late and shown so."""
    with at(date(2026, 11, 12)):
        response = signed_in(people.applicant).post(
            reverse("supervision:annual_report_new"),
            {"centre": centres["binhai"].pk, "year": 2026, "summary": "年度总结", "files": [pdf("总结.pdf")]},
        )
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=2026)
    assert report.late is False
    with at(date(2026, 12, 2)):  # signed in again: a session does not last a month
        client = signed_in(people.applicant)
        client.post(
            reverse("supervision:annual_report_new"),
            {"centre": centres["binhai"].pk, "year": 2025, "summary": "补报"},
        )
        page = client.get(reverse("supervision:annual_report", args=[AnnualReport.objects.get(year=2025).pk]))
    assert "逾期报送（不在当年11月报送期内）" in page.content.decode()


def test_inspection_form_without_a_centre_or_for_another_district_saves_nothing(people, centres):
    """R-32: findings without a centre, or for another district's centre: a clear message, nothing saved."""
    client = signed_in(people.bureau_officer)
    data = {
        "inspected_on": "2026-05-10",
        "inspectors": "张三",
        "items_checked": "台账",
        "findings": "问题",
        "conclusion": "rectify",
    }
    with at(date(2026, 5, 11)):
        missing = client.post(reverse("supervision:inspection_new"), {**data, "files": [pdf()]})
        other = client.post(reverse("supervision:inspection_new"), {**data, "centre": centres["nankai"].pk})
    assert missing.status_code == 400
    assert "请选择被检查的计量数据中心" in missing.content.decode()
    assert "未保存任何数据" in missing.content.decode()
    assert other.status_code == 400
    assert "所选中心不存在或不在您的监管范围内" in other.content.decode()
    assert Inspection.objects.count() == 0


def test_rectification_form_refuses_a_past_deadline(people, centres):
    """R-32: a rectification deadline in the past: a clear message, nothing saved."""
    inspection = InspectionFactory(centre=centres["binhai"])
    with at(date(2026, 6, 1)):
        response = signed_in(people.bureau_officer).post(
            reverse("supervision:inspection_rectify", args=[inspection.pk]),
            {"requirements": "补齐记录", "deadline": "2026-05-01"},
        )
    assert response.status_code == 400
    assert "整改期限不能早于今天" in response.content.decode()
    assert Rectification.objects.count() == 0


def test_revocation_form_requires_reasons_then_revokes(people, centres):
    """R-35: without reasons nothing is saved; with them the centre is revoked and its page says so."""
    centre = centres["binhai"]
    client = signed_in(people.commission_leader)
    url = reverse("supervision:revoke", args=[centre.pk])
    empty = client.post(url, {"article": "article_20", "reasons": ""})
    assert empty.status_code == 400 and "请填写撤销理由" in empty.content.decode()
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ESTABLISHED and not Revocation.objects.exists()
    done = client.post(url, {"article": "article_20", "reasons": "严重违反管理办法"}, follow=True)
    assert "已撤销计量数据中心资格" in done.content.decode() and "第二十条" in done.content.decode()


def test_officer_cannot_open_the_revocation_form(people, centres):
    """R-35: only a commission leader revokes."""
    response = signed_in(people.commission_officer).get(
        reverse("supervision:revoke", args=[centres["binhai"].pk])
    )
    assert response.status_code == 403


def test_centre_page_offers_reports_to_its_unit_only(people, centres):
    """R-30, R-31: the centre's own unit finds the report forms on its centre's page."""
    url = reverse("supervision:centre", args=[centres["binhai"].pk])
    member = signed_in(people.applicant).get(url).content.decode()
    bureau = signed_in(people.bureau_officer).get(url).content.decode()
    flow = reverse("hall:flow", args=["annual-report", centres["binhai"].pk])  # the service hall's flow
    assert flow in member
    assert flow not in bureau
