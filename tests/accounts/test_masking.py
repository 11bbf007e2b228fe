"""Personal data masked in displays and logs (data security, Article 4)."""

import logging

import pytest
from django.template import Context, Template

from accounts.masking import MaskingFilter, mask_id_number, mask_phone, mask_text


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("12010119900307123X", "120101********123X"),
        ("120101900307123", "120101*****7123"),
        ("", ""),
        (None, ""),
        ("12345", "*****"),
    ],
)
def test_id_numbers_show_first_six_and_last_four(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812341234", "138****1234"),
        ("+86 138 1234 1234", "138****1234"),
        ("022-2345678", "022***5678"),
        ("", ""),
    ],
)
def test_phone_numbers_show_three_and_four(value, masked):
    assert mask_phone(value) == masked


def test_free_text_is_masked():
    text = "联系人张三，身份证12010119900307123X，电话13812341234，订单号 2025000000000000000001"
    assert (
        mask_text(text)
        == "联系人张三，身份证120101********123X，电话138****1234，订单号 2025000000000000000001"
    )


def test_template_filters():
    rendered = Template("{% load masking %}{{ i|mask_id_number }} {{ p|mask_phone }}").render(
        Context({"i": "12010119900307123X", "p": "13812341234"})
    )
    assert rendered == "120101********123X 138****1234"


def test_log_records_are_masked(caplog):
    logger = logging.getLogger("tests.masking")
    logger.addFilter(MaskingFilter())
    try:
        with caplog.at_level(logging.INFO, logger="tests.masking"):
            logger.info("专家 %s 手机 %s", "12010119900307123X", "13812341234")
    finally:
        logger.filters.clear()
    assert caplog.messages == ["专家 120101********123X 手机 138****1234"]


def test_masking_filter_is_configured_on_the_console_handler():
    from django.conf import settings

    assert "mask_personal_data" in settings.LOGGING["handlers"]["console"]["filters"]
