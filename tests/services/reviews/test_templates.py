"""Scoring templates (R-12): items total 100; a used version never changes; sheets keep their version."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from services.reviews.actions import SaveSheet
from services.reviews.constants import DEMO_TEMPLATE_NAME
from services.reviews.models import ScoringItem, ScoringTemplate, ScoringTemplateVersion
from tests.factories.accounts import login_verified
from tests.services.applications import builders


def test_demo_template_ships_clearly_labelled(db):
    """R-12: the official annex 2 is not published; the shipped template says it is a demo."""
    template = ScoringTemplate.objects.get(name=DEMO_TEMPLATE_NAME)
    assert template.is_demo and "演示" in template.name and "未公开" in template.name
    version = template.current_version()
    assert version.total_points() == Decimal("100")
    version.check_total()


def test_version_total_must_be_100(db):
    template = ScoringTemplate.objects.create(name="测试模板")
    version = ScoringTemplateVersion.objects.create(template=template, number=1)
    ScoringItem.objects.create(version=version, order=1, title="基础", max_points=Decimal("60"))
    ScoringItem.objects.create(version=version, order=2, title="目标", max_points=Decimal("30"))
    with pytest.raises(ValidationError, match="合计应为100分，当前为90.0分"):
        version.check_total()


def test_admin_formset_refuses_items_not_summing_to_100(people, client):
    """R-12: the admin refuses a version whose items do not total 100, and saves nothing."""
    admin_client = login_verified(client, people.sysadmin)
    template = ScoringTemplate.objects.create(name="新模板")
    data = {
        "template": template.pk,
        "number": 1,
        "is_active": "on",
        "note": "",
        "items-TOTAL_FORMS": 2,
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        "items-0-order": 1,
        "items-0-title": "基础",
        "items-0-max_points": "50",
        "items-1-order": 2,
        "items-1-title": "目标",
        "items-1-max_points": "40",
    }
    response = admin_client.post("/django-admin/reviews/scoringtemplateversion/add/", data)
    assert response.status_code == 200
    assert "评分项满分合计应为100分" in response.content.decode()
    assert not ScoringTemplateVersion.objects.filter(template=template).exists()
    data["items-1-max_points"] = "50"
    response = admin_client.post("/django-admin/reviews/scoringtemplateversion/add/", data)
    assert response.status_code == 302
    assert ScoringTemplateVersion.objects.get(template=template).total_points() == Decimal("100")


def test_a_used_version_is_immutable_and_old_sheets_keep_their_scores(people):
    """R-12: a sheet keeps the version it was filled against; later edits need a new version."""
    application = builders.under_review(people.applicant, people.commission_officer)
    builders.with_panel(application, people.commission_officer, people.expert)
    version = application.panel.template_version
    sheet = SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(
        people.expert
    )
    total = sheet.total
    item = version.items.first()
    item.max_points = Decimal("25")
    with pytest.raises(ValidationError, match="不能修改"):
        item.save()
    with pytest.raises(ValidationError, match="不能删除"):
        item.delete()
    version.note = "改"
    with pytest.raises(ValidationError, match="不能修改"):
        version.save()
    # the commission's revision is a new version; the old sheet is unchanged
    new_version = ScoringTemplateVersion.objects.create(template=version.template, number=2, note="修订")
    ScoringItem.objects.create(version=new_version, order=1, title="全部", max_points=Decimal("100"))
    sheet.refresh_from_db()
    assert sheet.template_version == version and sheet.total == total
