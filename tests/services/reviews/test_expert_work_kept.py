"""Expert work never loses text (R-12, R-13): errors inline and in the summary, everything typed kept."""

import pytest

from services.reviews.actions import SaveSheet
from services.reviews.models import ItemScore, ReviewReport
from tests.services.applications import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def led(people):
    application = builders.under_review(people.applicant, people.commission_officer)
    builders.with_panel(application, people.commission_officer, people.expert)
    return application


def test_a_score_above_the_maximum_keeps_the_sheet(client, verified_login, people, led):
    """R-12 (bad input): a score above an item's maximum: a Chinese message beside it, nothing saved."""
    items = list(led.panel.template_version.items.all())
    first, second = items[0], items[1]
    verified_login(people.expert)
    data = {f"score_{first.pk}": str(first.max_points + 5), f"score_{second.pk}": "3.5"}
    data |= {
        f"comment_{first.pk}": "数据资源丰富但缺少质量评价",
        "overall_comment": "总体较好，建议补充数据治理方案",
    }
    response = client.post(f"/expert/cases/{led.pk}/", {**data, "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>错误：" in html and "存在以下问题" in html
    message = f"“{first.title}”的得分须在0至{first.max_points}分之间。"
    assert html.count(message) == 2  # in the summary and beside the field
    assert f'href="#score_{first.pk}"' in html and f'id="score_{first.pk}"' in html
    assert f'value="{first.max_points + 5}"' in html and 'value="3.5"' in html
    assert "数据资源丰富但缺少质量评价" in html and "总体较好，建议补充数据治理方案" in html
    assert not ItemScore.objects.filter(sheet__panel=led.panel).exists()


def test_a_report_with_missing_findings_keeps_everything_typed(client, verified_login, people, led):
    """R-13 (bad input): the leader submits without the site-visit findings: inline error, summary, kept."""
    verified_login(people.expert)
    SaveSheet(led, scores=builders.all_scores(led), submit=True).execute(people.expert)
    response = client.post(
        f"/expert/cases/{led.pk}/report/",
        {
            "document_review_on": "2026-03-02",
            "document_review_findings": "材料齐全，经费证明充分。",
            "site_visit_on": "2026-03-10",
            "site_visit_findings": "",
            "opinion": "专家组同意筹建，建议加强数据安全。",
            "recommendation": "approve",
            "submit": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>错误：" in html and "存在以下问题" in html
    assert html.count("提交前须填写“实地核查意见”。") == 2
    assert "材料齐全，经费证明充分。" in html and "专家组同意筹建，建议加强数据安全。" in html
    assert 'value="2026-03-10"' in html
    assert not ReviewReport.objects.filter(panel=led.panel).exists()
