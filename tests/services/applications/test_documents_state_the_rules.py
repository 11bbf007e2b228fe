"""The task book and the reply letter state the rules as the rulebook does (R-14, R-21, R-22, R-25): every
date and figure in their text is the deadline engine's, and a render with a missing date is refused."""

import pytest

from services.applications.documents import render_document
from services.deadlines import rules as engine
from services.documents.pdf import DocumentIncomplete
from tests.services.applications import builders
from tests.services.documents.reading import date_before, dates_in, text_of
from tests.services.documents.test_pdf import cjk_fonts_installed

pytestmark = pytest.mark.skipif(not cjk_fonts_installed(), reason="Noto CJK fonts not installed")


def test_task_book_dates_and_thresholds_are_the_engines(people):
    """R-14, R-21, R-22, R-25: period, last day to apply (3 months before the end), the latest extended end,
    the 3-year limit and the 100/80 scores, all as the engine computes them; nothing says "3个月内"."""
    application = builders.approved(people)
    book = application.centre.task_book
    text = text_of(render_document(application, "task-book"))
    end = book.period_end
    last_day = engine.last_day_to_apply(end)
    months = engine.APPLY_MONTHS_BEFORE_END
    assert date_before(text, last_day, f"（筹建期满{months}个月前）向市市场监管委提出验收申请")
    assert "3个月内" not in text
    expected = {
        book.period_start,
        end,
        book.issued_on,
        last_day,
        engine.construction_end_latest(application.centre.approved_on),
        engine.extended_end_latest(end),
    }
    assert set(dates_in(text)) == expected
    assert f"延长时限不超过{engine.EXTENSION_YEARS_MAX}年" in text
    assert f"一般应于{engine.CONSTRUCTION_YEARS_MAX}年内完成" in text
    assert f"满分为{engine.SCORE_MAX}分" in text and f"得分{engine.PASS_SCORE}分及以上" in text
    assert f"限期{engine.RECTIFICATION_MONTHS}个月整改" in text


def test_reply_letter_names_the_period_and_the_last_day(people):
    """R-14, R-21: the reply letter names the construction period and the last day to apply."""
    application = builders.approved(people)
    book = application.centre.task_book
    text = text_of(render_document(application, "reply-letter"))
    start, end = book.period_start, book.period_end
    assert f"筹建期自{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日" in text
    assert date_before(text, engine.last_day_to_apply(end), "（筹建期满3个月前）向市市场监管委提出验收申请")
    assert "3个月内" not in text
    assert set(dates_in(text)) == {start, end, book.issued_on, engine.last_day_to_apply(end)}


def test_a_render_with_a_missing_date_is_refused(people):
    """No document goes out with a blank: a task book without its end date is refused, by name."""
    application = builders.approved(people)
    book = application.centre.task_book
    book.period_end = None  # as an unsaved, incomplete record would be
    application.centre.task_book = book
    with pytest.raises(DocumentIncomplete, match="筹建期止"):
        render_document(application, "task-book")
