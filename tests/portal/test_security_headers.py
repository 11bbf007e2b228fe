"""Every portal page carries a strict Content-Security-Policy with a fresh nonce and a Permissions-Policy;
no template carries an inline script, style element or style attribute without that nonce."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ["portal", "accounts", "cms_pages", "services", "search"]
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/json\")[^>]*>|<style(?![^>]*nonce=)[^>]*>|\sstyle=\""
)
PDF_TEMPLATES = "templates/documents/"  # rendered to PDF by WeasyPrint, never served as a page


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_send_a_strict_policy(client):
    policy = directives(client.get("/accounts/login/")["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    for kind in ("script-src", "style-src"):
        assert policy[kind][0] == "'self'"
        assert "'unsafe-inline'" not in policy[kind] and "'unsafe-eval'" not in policy[kind]


def test_a_page_that_uses_the_nonce_gets_a_fresh_one_in_its_policy(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string('<script nonce="{{ CSP_NONCE }}">1</script>')

    def view(request):
        return HttpResponse(template.render({"CSP_NONCE": request.csp_nonce}, request))

    nonces = []
    for _ in range(2):
        response = CSPMiddleware(view)(rf.get("/"))
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode())[1]
        assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


@pytest.mark.django_db
def test_pages_send_a_permissions_policy(client):
    header = client.get("/accounts/login/")["Permissions-Policy"]
    assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header


def test_no_template_has_inline_code_without_the_nonce():
    offenders = []
    for top in TEMPLATE_DIRS:
        for path in (ROOT / top).rglob("*.html"):
            if PDF_TEMPLATES in path.as_posix():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if INLINE.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "\n".join(offenders)
