"""Issue 12, item 1: the header shows the signed-in user's workspace, and sign-in lands each role there
unless a safe `next` says otherwise; `next=` off the site is refused."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.factories.accounts import DEMO_PASSWORD, login_verified

LANDINGS = {
    "applicant": ("/service-hall/", "服务大厅"),
    "commission_officer": ("/commission/", "委工作台"),
    "commission_leader": ("/commission/", "委工作台"),
    "bureau_officer": ("/bureau/", "区局工作台"),
    "expert": ("/expert/", "专家工作台"),
    "cms_editor": ("/admin/", "网站管理"),
    "sysadmin": ("/admin/", "网站管理"),
    "auditor": ("/django-admin/", "网站管理"),
}


def landing_of(response) -> str:
    """Where a sign-in response sends the person: straight there, or there after the OTP step (R-43)."""
    assert response.status_code == 302
    location = urlparse(response["Location"])
    if location.path.startswith("/accounts/otp/"):
        return parse_qs(location.query)["next"][0]
    return location.path


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(LANDINGS))
def test_sign_in_lands_in_the_workspace(client, people, role):
    user = getattr(people, role)
    response = client.post("/accounts/login/", {"username": user.username, "password": DEMO_PASSWORD})
    assert landing_of(response) == LANDINGS[role][0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(LANDINGS))
def test_header_shows_the_workspace(client, people, role):
    url, label = LANDINGS[role]
    login_verified(client, getattr(people, role))
    page = client.get("/search/").content.decode()
    assert f'<a class="account-links__workspace" href="{url}">{label}</a>' in page
    # the link answers (a route, not a string)
    assert client.get(url).status_code in (200, 302)


@pytest.mark.django_db
def test_no_workspace_link_for_an_anonymous_visitor(client):
    assert "account-links__workspace" not in client.get("/search/").content.decode()


@pytest.mark.django_db
def test_safe_next_wins_over_the_workspace(client, people):
    response = client.post(
        "/accounts/login/?next=/inbox/",
        {"username": people.applicant.username, "password": DEMO_PASSWORD, "next": "/inbox/"},
    )
    assert landing_of(response) == "/inbox/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/x", "http:///evil.example.com"]
)
def test_next_off_the_site_is_refused(client, people, target):
    """Bad input: `next=` pointing off the site lands in the workspace instead."""
    response = client.post(
        "/accounts/login/", {"username": people.applicant.username, "password": DEMO_PASSWORD, "next": target}
    )
    assert landing_of(response) == "/service-hall/"
