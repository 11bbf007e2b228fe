"""The one form design system (issue 12, item 2): the renderer's field pattern, the error summary and the
错误： title on real pages, novalidate on every form, and Django's and DRF's messages in Chinese even for a
browser that asks for English."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory

ROOT = Path(settings.BASE_DIR)
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


class SampleForm(forms.Form):
    name = forms.CharField(label="单位名称", max_length=10, help_text="与营业执照一致。")
    remark = forms.CharField(label="备注", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="我已阅读")


def test_field_pattern_label_hint_optional_count():
    html = str(SampleForm())
    assert '<label class="form-label" for="id_name">单位名称</label>' in html
    assert '<div class="form-hint" id="id_name_helptext">与营业执照一致。</div>' in html
    assert '备注<span class="form-optional">（选填）</span>' in html
    # character count where a maximum applies; the browser does not cut the text (the server says why)
    assert 'id="id_name_count"' in html and "最多可输入10个字" in html
    assert 'data-maxlength="10"' in html and "maxlength=" not in html.replace("data-maxlength", "")
    assert re.search(r'aria-describedby="id_name_helptext id_name_count"', html)
    assert '<legend class="form-label">类型</legend>' in html
    # the label of a single checkbox follows the box
    assert re.search(r'<input type="checkbox" name="agree"[^>]*>\s*<label class="form-check__label"', html)


def test_inline_error_between_hint_and_field_prefixed():
    form = SampleForm({"name": "一二三四五六七八九十十一", "kind": "", "agree": ""})
    html = str(form)
    hint, error, control = (
        html.index('id_name_helptext">'),
        html.index('id="id_name_error"'),
        html.index('name="name"'),
    )
    assert hint < error < control
    assert re.search(
        r'<p class="form-error" id="id_name_error"><span class="form-error__prefix">错误：</span>', html
    )
    assert "确保该变量包含不超过 10 字符" in html  # Django's own validator, in Chinese
    assert 'aria-invalid="true"' in html


def test_error_summary_links_to_every_field_and_titles_the_page():
    form = SampleForm({"name": "", "kind": "", "agree": ""})
    form.is_valid()
    request = RequestFactory().get("/")
    html = Template("{% load form_design %}{% error_title_prefix %}|{% error_summary %}").render(
        Context({"form": form, "request": request})
    )
    prefix, summary = html.split("|", 1)
    assert prefix == "错误："
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "存在以下问题" in summary
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets == ["id_name", "id_kind_0", "id_agree"]
    # the same message text as the inline error
    assert form.errors["name"][0] in summary


def test_no_summary_and_no_prefix_without_errors():
    html = Template("{% load form_design %}{% error_title_prefix %}{% error_summary %}").render(
        Context({"form": SampleForm()})
    )
    assert html == ""


@pytest.mark.django_db
def test_sign_in_error_page(client):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    page = response.content.decode()
    assert re.search(r"<title>错误：", page)
    summary = page[page.index("data-error-summary") : page.index("</ul>", page.index("data-error-summary"))]
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in page  # each link reaches its field
    assert "<script>" not in page and "style=" not in page
    assert '<script src="/static/js/forms.js" defer></script>' in page


@pytest.mark.django_db
def test_registration_speaks_chinese_to_an_english_browser(client, districts):
    """R-01: the registration's password and format messages come out in Chinese, whatever the browser asks."""
    data = {
        "unit-name": "",
        "unit-credit_code": "91110108551385082A",
        "person-username": "wang",
        "person-email": "not-an-address",
        "person-password1": "12345",
        "person-password2": "12345",
    }
    response = client.post("/accounts/register/", data, **ENGLISH)
    page = response.content.decode()
    assert response.status_code == 400
    assert "这个密码太短了" in page and "密码只包含数字" in page
    assert "请输入合法的邮件地址" in page
    assert "统一社会信用代码无效" in page and "请填写“单位名称”。" in page and "请选择“所在区”。" in page
    assert "This password" not in page and "This field" not in page


@pytest.mark.django_db
def test_drf_speaks_chinese_to_an_english_browser(client):
    response = client.post("/api/v1/applications/", {}, **ENGLISH)
    assert response.status_code in (401, 403)
    assert response.json()["detail"] == "身份认证信息未提供。"


@pytest.mark.django_db
def test_not_found_in_chinese(client):
    response = client.get("/service-hall/applications/999999/", **ENGLISH)
    assert response.status_code in (302, 404)


def template_files():
    for base in ("accounts", "services", "portal", "cms_pages", "search"):
        yield from (ROOT / base).rglob("templates/**/*.html")


def test_every_form_in_every_template_has_novalidate():
    offenders = []
    for path in template_files():
        for tag in re.findall(r"<form\b[^>]*>", path.read_text(encoding="utf-8")):
            if "novalidate" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert not offenders, "\n".join(offenders)


def test_no_inline_script_or_style_in_transactional_templates():
    offenders = []
    for path in (p for p in template_files() if not p.is_relative_to(ROOT / "cms_pages")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=\"", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


@pytest.mark.django_db
def test_registration_of_an_already_registered_credit_code(client, districts):
    """R-01, bad input: a credit code already registered gets its message beside the field, everything else
    typed comes back, and nothing is stored."""
    from accounts.models import Organisation, User
    from tests.factories.accounts import OrganisationFactory

    existing = OrganisationFactory()
    data = {
        "unit-name": "天津另一家计量公司",
        "unit-credit_code": existing.credit_code.lower(),
        "unit-unit_type": "enterprise",
        "unit-legal_status": "independent",
        "unit-address": "天津市南开区1号",
        "unit-district": districts["南开区"].pk,
        "person-username": "another.unit",
        "person-full_name": "李明",
        "person-email": "li@example.cn",
        "person-phone": "13912345678",
        "person-password1": "Shuju-Zhongxin-7391",
        "person-password2": "Shuju-Zhongxin-7391",
    }
    response = client.post("/accounts/register/", data)
    page = response.content.decode()
    assert response.status_code == 400
    error = page[page.index('id="id_unit-credit_code_error"') :][:300]
    assert "该统一社会信用代码已登记" in error
    assert 'value="天津另一家计量公司"' in page and 'value="13912345678"' in page
    assert Organisation.objects.count() == 1 and not User.objects.filter(username="another.unit").exists()


@pytest.mark.django_db
def test_the_renderer_leaves_wagtail_and_django_admin_working(admin_client):
    """Wagtail's page editor and Django's admin render their own forms; the portal renderer must not break
    them (they get its bound field, not its templates)."""
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first()
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert admin_client.get("/django-admin/accounts/user/add/").status_code == 200
