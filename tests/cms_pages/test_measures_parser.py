"""The parser of the published measures, checked line by line against the file in the project."""

import re

import pytest

from cms_pages.measures import MEASURES_FILE
from cms_pages.measures.numerals import to_chinese_number
from cms_pages.measures.parser import MeasuresFormatError, chinese_number, parse_measures

ARTICLE_LINE = re.compile(r"^第([一二三四五六七八九十]+)条\s*(.*)$")
CHAPTER_LINE = re.compile(r"^第([一二三四五六七八九十]+)章\s*(.*)$")


@pytest.fixture(scope="module")
def source_lines():
    return [line.strip() for line in MEASURES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def parsed():
    return parse_measures(MEASURES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "number"), [("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("二十五", 25), ("一百零二", 102)]
)
def test_chinese_numerals_both_ways(text, number):
    assert chinese_number(text) == number
    assert to_chinese_number(number) == text


def test_preamble_gives_number_date_title_and_effective_date(parsed):
    assert parsed.document_number == "津市场监管计〔2025〕14号"
    assert parsed.issue_date.isoformat() == "2025-07-22"
    assert parsed.title == "天津市计量数据建设应用中心管理办法(试行)"
    # Article 25: 本办法自2025年8月1日起施行。
    assert parsed.effective_date.isoformat() == "2025-08-01"


def test_six_chapters_and_twenty_five_articles_in_order(parsed, source_lines):
    chapter_heads = [CHAPTER_LINE.match(line) for line in source_lines if CHAPTER_LINE.match(line)]
    assert [(c.number, c.title) for c in parsed.chapters] == [
        (chinese_number(m.group(1)), m.group(2)) for m in chapter_heads
    ]
    assert len(parsed.chapters) == 6
    assert [a.number for a in parsed.articles] == list(range(1, 26))


def test_every_article_has_exactly_the_lines_of_the_file(parsed, source_lines):
    """Rebuild each article from the file: its own line, then every following line up to the next heading."""
    expected: dict[int, list[str]] = {}
    current = None
    for line in source_lines:
        article = ARTICLE_LINE.match(line)
        if article:
            current = chinese_number(article.group(1))
            expected[current] = [article.group(2)]
        elif CHAPTER_LINE.match(line) or line.startswith("附件"):
            current = None
        elif current is not None:
            expected[current].append(line)
    assert len(expected) == 25
    for article in parsed.articles:
        assert article.paragraphs == expected[article.number], f"第{article.number}条"


def test_annexes_and_web_debris(parsed, source_lines):
    assert [(a.number, a.title) for a in parsed.annexes] == [
        (1, "天津市计量数据建设应用中心申报书"),
        (2, "天津市计量数据建设应用中心申报评审评分表"),
        (3, "天津市计量数据建设应用中心筹建评审报告"),
        (4, "天津市计量数据建设应用中心筹建任务书"),
        (5, "天津市计量数据建设应用中心验收报告"),
    ]
    assert source_lines[-1].startswith("分享到")
    everything = " ".join(a.text for a in parsed.articles) + " ".join(a.title for a in parsed.annexes)
    assert "分享到" not in everything


def test_a_gap_in_article_numbers_is_refused():
    text = "津市场监管计〔2025〕1号\n2025年1月1日\n某某管理办法\n第一章 总 则\n第一条甲。\n第三条乙。\n"
    with pytest.raises(MeasuresFormatError, match="条号不连续"):
        parse_measures(text)


def test_text_without_chapters_is_refused():
    with pytest.raises(MeasuresFormatError, match="未找到任何章"):
        parse_measures("这不是一份规范性文件。\n")
