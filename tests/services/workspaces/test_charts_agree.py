"""The bureau's charts agree with its tables and queues (R-30, R-32): the same records, counted once."""

from collections import Counter

import pytest

from services.supervision import dashboard
from services.supervision.models import AnnualReport, Rectification
from services.supervision.querysets import centres_visible_to
from services.workspaces.queues import QUEUES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["bureau_officer", "other_bureau_officer", "commission_officer"])
def test_charts_agree_with_tables_and_queues(records, people, frozen, who):
    user = getattr(people, who)
    centres = centres_visible_to(user)
    rows = dashboard.centre_rows(centres, frozen)
    status = dashboard.status_chart([r.centre for r in rows])
    assert sum(status.series[0].values) == len(rows) == centres.count()
    rects = dashboard.rectifications_chart(rows, group_by_district=True)
    open_rects = Rectification.objects.visible_to(user).filter(status__in=["open", "reported"]).count()
    assert sum(v for v in rects.series[0].values) == open_rects
    reports = dashboard.reports_chart([r.centre for r in rows], frozen)
    by_year = dict(
        zip(reports.categories, zip(*(s.values for s in reports.series), strict=True), strict=True)
    )
    submitted = Counter(AnnualReport.objects.visible_to(user).values_list("year", flat=True))
    missing = Counter(int(item.status_label[:4]) for item in QUEUES["annual-reports"].items(user, frozen))
    for label, (on_time, late, absent) in by_year.items():
        year = int(label.rstrip("年"))
        assert on_time + late == submitted.get(year, 0), (who, year)
        assert absent == missing.get(year, 0), (who, year)
