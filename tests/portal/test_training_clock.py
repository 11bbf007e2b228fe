"""A training clock (R-42 "today"): PORTAL_TODAY=YYYY-MM-DD sets today for the whole portal in dev and demo;
every page says so in its banner; production refuses to start with it; an unparsable value is refused."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from services.construction.actions import flag_lapses
from services.deadlines.clock import beijing_today

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "portal.example.gov.cn",
    "DATABASE_URL": "sqlite:////tmp/portal-training-clock.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PORTAL_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_production_refuses_to_start_with_a_training_clock():
    result = manage("check", env={**PRODUCTION_ENV, "PORTAL_TODAY": "2027-02-28"})
    assert result.returncode != 0
    assert "生产环境不得设置 PORTAL_TODAY" in result.stderr


def test_an_unparsable_training_clock_is_refused_clearly():
    result = manage(
        "check", env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PORTAL_TODAY": "2027-02-30"}
    )
    assert result.returncode != 0
    assert "PORTAL_TODAY 的值 '2027-02-30' 不是有效日期：请写成 YYYY-MM-DD" in result.stderr


def test_dev_reads_the_training_clock_from_the_environment():
    code = "from services.deadlines.clock import beijing_today; print(beijing_today().isoformat())"
    result = manage(
        "shell",
        "-c",
        code,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PORTAL_TODAY": "2028-02-29"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("2028-02-29")


def test_the_clock_gives_the_training_day(settings):
    """R-42: beijing_today() is the training day while it is set, the real Beijing date otherwise."""
    settings.PORTAL_TODAY = date(2030, 1, 1)
    assert beijing_today() == date(2030, 1, 1)
    settings.PORTAL_TODAY = None
    assert beijing_today() != date(2030, 1, 1) or date.today() == date(2030, 1, 1)


@pytest.mark.django_db
def test_the_beat_task_flags_lapses_on_the_training_day(settings, people):
    """R-23: the centre constructing until 2027-05-31 is flagged by the beat task when today is 2027-06-01."""
    from services.construction.tasks import flag_lapsed_centres
    from tests.factories.centres import CentreFactory

    centre = CentreFactory(organisation=people.applicant.membership.organisation)

    settings.PORTAL_TODAY = date(2027, 5, 31)
    assert flag_lapsed_centres() == 0
    settings.PORTAL_TODAY = date(2027, 6, 1)
    assert flag_lapsed_centres() == 1
    centre.refresh_from_db()
    assert centre.status == "lapsed"
    assert flag_lapses(date(2027, 6, 1)) == []


@pytest.mark.django_db
def test_every_page_shows_the_training_day_in_its_banner(settings, client):
    settings.PORTAL_TODAY = date(2028, 2, 29)
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert "培训时钟：本站以 2028年2月29日 为“今天”" in page.content.decode()
    settings.PORTAL_TODAY = None
    assert "培训时钟" not in client.get("/accounts/login/").content.decode()
