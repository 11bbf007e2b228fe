"""The workspace queues (委工作台 and the bureau's tenant view) against the records behind them."""

import re
from datetime import date

import pytest

from accounts.constants import AuditAction, AuditOutcome
from accounts.models import AuditRecord
from services.workspaces import rules
from services.workspaces.queues import QUEUES, queues_for

pytestmark = pytest.mark.django_db


def shown_counts(html: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(r'data-queue="([\w-]+)">(\d+)<', html)}


def test_every_queue_holds_exactly_its_records(records, people, frozen):
    """R-42: each queue lists the records that are waiting in it, no more, no fewer."""
    for key, expected in records.items():
        items = QUEUES[key].items(people.commission_officer, frozen)
        assert len(items) == len(expected), key


def test_workspace_counts_equal_the_rows_behind_them(client, verified_login, records, people):
    """The count on each card equals the rows of its queue page and the records created for it."""
    verified_login(people.commission_officer)
    response = client.get("/commission/workspace/")
    assert response.status_code == 200
    counts = shown_counts(response.content.decode())
    assert set(counts) == set(queues_for("commission")) and "ratings" in counts
    for key in QUEUES:
        page = client.get(f"/commission/workspace/queues/{key}/")
        assert page.status_code == 200, key
        rows = page.content.decode().count('data-label="办件"')
        assert counts[key] == rows == len(records[key]), key


def test_queue_shows_deadline_days_left_and_overdue(client, verified_login, records, people):
    """R-25, R-42: the acceptance rectification ended yesterday: 已逾期 1 天; the extension has its end."""
    verified_login(people.commission_officer)
    html = client.get("/commission/workspace/queues/acceptance/").content.decode()
    assert "2026年11月30日" in html and "已逾期 1 天" in html
    html = client.get("/commission/workspace/queues/extensions/").content.decode()
    assert "筹建期限届满日" in html and "剩余" in html


def test_filters_sort_and_overdue(client, verified_login, records, people):
    verified_login(people.commission_officer)
    page = client.get("/commission/workspace/queues/annual-reports/?sort=-deadline").content.decode()
    assert page.index("2026年11月30日") < page.index("2024年11月30日")
    page = client.get("/commission/workspace/queues/annual-reports/?sort=deadline").content.decode()
    assert page.index("2024年11月30日") < page.index("2026年11月30日")
    page = client.get("/commission/workspace/queues/reexaminations/?overdue=1").content.decode()
    assert page.count('data-label="办件"') == 1
    page = client.get("/commission/workspace/queues/accept/?district=120104").content.decode()
    assert page.count('data-label="办件"') == 0
    page = client.get("/commission/workspace/queues/acceptance/?stage=rectifying").content.decode()
    assert page.count('data-label="办件"') == 1


@pytest.mark.parametrize(
    "query, message",
    [
        ("sort=soonest", "排序方式“soonest”无效"),
        ("overdue=maybe", "“是否逾期”的值无效"),
        ("district=999999", "所在区“999999”不存在"),
        ("stage=nowhere", "办理阶段“nowhere”不存在"),
    ],
)
def test_unknown_filter_value_gets_a_chinese_message(client, verified_login, records, people, query, message):
    """Bad input: a queue filter with an unknown value is a 400 with a Chinese message, not a 500."""
    verified_login(people.commission_officer)
    response = client.get(f"/commission/workspace/queues/acceptance/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "存在以下问题" in html and "<title>错误：" in html


def test_unknown_queue_is_404(client, verified_login, people):
    verified_login(people.commission_officer)
    assert client.get("/commission/workspace/queues/nothing/").status_code == 404


def test_bureau_sees_the_same_queues_for_its_district_only(client, verified_login, records, people):
    """R-32: 滨海新区's officer: the 滨海 records of each queue, none of 南开区's."""
    verified_login(people.bureau_officer)
    response = client.get("/bureau/120116/workspace/")
    assert response.status_code == 200
    counts = shown_counts(response.content.decode())
    expected = {
        key: sum(1 for r in recs if _district_code(r) == "120116")
        for key, recs in records.items()
        if key in queues_for("bureau")
    }
    assert counts == expected and "ratings" not in counts  # 差评 are the commission's to follow up
    assert counts["lapsed"] == 0 and counts["annual-reports"] == 2
    page = client.get("/bureau/120116/workspace/queues/reexaminations/").content.decode()
    assert page.count('data-label="办件"') == 1 and "南开区" not in page


def _district_code(record):
    obj = record[0] if isinstance(record, tuple) else record
    centre = getattr(obj, "centre", None)
    if centre is None and not hasattr(obj, "district"):
        return None
    return (centre or obj).district.code


def test_bureau_opening_another_districts_queue_is_404_and_audited(client, verified_login, records, people):
    """R-32, R-43 (bad input): another district's queue by its URL answers 404 and leaves an audit record."""
    verified_login(people.bureau_officer)
    before = AuditRecord.objects.filter(action=AuditAction.ACCESS_DENIED).count()
    assert client.get("/bureau/120104/workspace/queues/accept/").status_code == 404
    assert client.get("/bureau/120104/workspace/").status_code == 404
    denied = AuditRecord.objects.filter(action=AuditAction.ACCESS_DENIED)
    assert denied.count() == before + 2
    last = denied.first()
    assert last.outcome == AuditOutcome.DENIED and last.actor == people.bureau_officer
    assert last.details["path"] == "/bureau/120104/workspace/"


def test_workspace_refuses_other_roles(client, verified_login, people):
    verified_login(people.bureau_officer)
    assert client.get("/commission/workspace/").status_code == 403
    verified_login(people.commission_officer)
    assert client.get("/bureau/120116/workspace/").status_code == 403


def test_bad_ratings_queue_shows_each_steps_deadline(client, verified_login, records, people):
    """好差评: 回访 within 1 working day, 整改 feedback within 15 (2026-12-01 is a Tuesday); the one received
    2026-11-20 (a Friday) was due for its 回访 on Monday 2026-11-23: overdue by 8 days. Sorted by deadline,
    filtered by step, and the rows link to the 差评's own page."""
    verified_login(people.commission_officer)
    response = client.get("/commission/workspace/queues/ratings/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-label="办件"') == 3 and "JLSJ-2026-已反馈" not in html
    assert "回访期限：" in html and "2026年12月2日" in html and "剩余 1 天" in html
    assert "2026年11月23日" in html and "已逾期 8 天" in html
    assert "整改反馈期限：" in html and "2026年12月21日" in html  # 15 working days from 2026-11-30
    assert html.index("JLSJ-2026-逾期") < html.index("JLSJ-2026-待回访") < html.index("JLSJ-2026-整改中")
    case = records["ratings"][0]
    assert f'href="/commission/ratings/{case.pk}/"' in html
    page = client.get("/commission/workspace/queues/ratings/?stage=rectifying&overdue=0").content.decode()
    assert page.count('data-label="办件"') == 1 and "JLSJ-2026-整改中" in page
    page = client.get("/commission/workspace/queues/ratings/?overdue=1").content.decode()
    assert page.count('data-label="办件"') == 1 and "JLSJ-2026-逾期" in page
    bad = client.get("/commission/workspace/queues/ratings/?stage=closed")
    assert bad.status_code == 400 and "办理阶段“closed”不存在" in bad.content.decode()


def test_bad_ratings_queue_is_the_commissions_only(client, verified_login, records, people):
    """A bureau officer has no 差评 queue (the commission follows 差评 up): 404 like any unknown queue."""
    verified_login(people.bureau_officer)
    assert client.get("/bureau/120116/workspace/queues/ratings/").status_code == 404


def test_reexamination_rounds_due_edges():
    """R-34: a round enters the queue 90 days before it is due and stays until it is arranged."""
    established = date(2021, 6, 15)
    assert rules.reexamination_rounds_due(established, date(2026, 3, 16), set()) == []
    assert rules.reexamination_rounds_due(established, date(2026, 3, 17), set()) == [(1, date(2026, 6, 15))]
    assert rules.reexamination_rounds_due(established, date(2026, 12, 1), {1}) == []


def test_missing_report_years_edges():
    """R-30: missing from 1 December; the report of the year of a late establishment is not due."""
    assert rules.missing_report_years(date(2025, 12, 5), date(2026, 11, 30), set()) == []
    assert rules.missing_report_years(date(2025, 12, 5), date(2026, 12, 1), set()) == [2026]
    assert rules.missing_report_years(date(2024, 3, 1), date(2026, 12, 1), {2025}) == [2024, 2026]
