"""Issue 11, item 4: the workspace sits above the services, so the lower pages that show its parts get them
from registries the workspace fills when its app is ready; no service imports services.workspaces."""

from django.test import Client
from django.urls import reverse

from services.applications import panel_candidates
from services.deadlines.clock import beijing_today
from services.supervision import dashboard
from services.workspaces import candidates
from services.workspaces.queues import QUEUES, queues_for
from services.workspaces.views import queue_summaries
from tests.factories.accounts import login_verified


def test_the_workspace_provides_the_panel_candidates_to_the_commission_case_page():
    """R-11: the candidates (with their workload) the commission's case page offers are the workspace's."""
    assert panel_candidates.candidates() is candidates
    assert "不能选派" in panel_candidates.candidates().INACTIVE_REASON


def test_the_bureau_home_shows_the_workspace_queue_cards_of_its_district(people):
    """R-32: the bureau's home page shows every queue of the workspace with its count, for its district."""
    today = beijing_today()
    assert dashboard.queue_summaries(people.bureau_officer, today) == queue_summaries(
        people.bureau_officer, today
    )
    page = login_verified(Client(), people.bureau_officer).get(reverse("bureau:home"))
    text = page.content.decode()
    assert page.status_code == 200
    bureau_queues = queues_for("bureau")
    assert (
        "ratings" in QUEUES and "ratings" not in bureau_queues
    )  # 差评 are the commission's (RATINGS_FOLLOW_UP)
    for key in QUEUES:
        shown = f'data-queue="{key}"' in text
        assert shown == (key in bureau_queues), key
        if shown:
            assert reverse("workspaces:bureau_queue", args=[people.bureau_officer.bureau.code, key]) in text
