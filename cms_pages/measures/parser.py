"""Parse the published text of a normative document into its parts. Pure: text in, dataclasses out.

The text is as published on the commission's website: a preamble (文号, addressees, the issuing notice, the
date), the title, chapters (第N章) holding articles (第N条, whose further paragraphs and enumerated items follow on
their own lines), an annex list (附件：1. …), and web debris such as a trailing "分享到:" that is dropped.
"""

import re
from dataclasses import dataclass, field
from datetime import date

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

DOCUMENT_NUMBER_RE = re.compile(r"^\S+〔\d{4}〕\d+号$")
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
CHAPTER_RE = re.compile(r"^第([零〇一二三四五六七八九十百]+)章\s*(.*)$")
ARTICLE_RE = re.compile(r"^第([零〇一二三四五六七八九十百]+)条\s*(.*)$")
ANNEX_HEAD_RE = re.compile(r"^附件[:：]\s*(.*)$")
ANNEX_ITEM_RE = re.compile(r"^(\d+)\s*[.．、]\s*(.+)$")
EFFECTIVE_RE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
TITLE_RE = re.compile(r"^.+(办法|规定|细则|规则|条例|意见|方案)([(（].+[)）])?$")
DEBRIS = ("分享到", "打印本页", "关闭窗口")


class MeasuresFormatError(ValueError):
    """The text does not have the shape of a normative document; the message says where."""


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十五 → 15, 二十 → 20, 二十五 → 25, 一百零二 → 102."""
    if not text:
        raise ValueError("empty numeral")
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


@dataclass
class Article:
    number: int
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Chapter:
    number: int
    title: str
    articles: list[Article] = field(default_factory=list)


@dataclass
class Annex:
    number: int
    title: str


@dataclass
class ParsedMeasures:
    document_number: str
    issue_date: date
    title: str
    preamble: list[str]
    chapters: list[Chapter]
    annexes: list[Annex]
    effective_date: date | None

    @property
    def articles(self) -> list[Article]:
        return [article for chapter in self.chapters for article in chapter.articles]


def parse_measures(text: str) -> ParsedMeasures:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith(DEBRIS)]

    document_number = ""
    issue_date = None
    title = ""
    preamble: list[str] = []
    chapters: list[Chapter] = []
    annexes: list[Annex] = []
    in_annexes = False

    for number, line in enumerate(lines, start=1):
        chapter_match = CHAPTER_RE.match(line)
        article_match = ARTICLE_RE.match(line)
        annex_head = ANNEX_HEAD_RE.match(line)
        if annex_head:
            in_annexes = True
            line = annex_head.group(1)
            if not line:
                continue
        if in_annexes:
            item = ANNEX_ITEM_RE.match(line)
            if not item:
                raise MeasuresFormatError(f"第{number}行：附件列表中无法识别的行：{line}")
            annexes.append(Annex(int(item.group(1)), item.group(2).strip()))
        elif chapter_match:
            chapters.append(Chapter(chinese_number(chapter_match.group(1)), chapter_match.group(2).strip()))
        elif article_match:
            if not chapters:
                raise MeasuresFormatError(f"第{number}行：条文出现在第一章之前：{line}")
            paragraph = article_match.group(2).strip()
            chapters[-1].articles.append(
                Article(chinese_number(article_match.group(1)), [paragraph] if paragraph else [])
            )
        elif chapters and chapters[-1].articles:
            chapters[-1].articles[-1].paragraphs.append(line)
        elif chapters:
            raise MeasuresFormatError(f"第{number}行：章标题后缺少条文：{line}")
        elif not document_number and DOCUMENT_NUMBER_RE.match(line):
            document_number = line
        elif DATE_RE.match(line) and issue_date is None:
            year, month, day = (int(part) for part in DATE_RE.match(line).groups())
            issue_date = date(year, month, day)
        elif issue_date is not None and TITLE_RE.match(line) and not title:
            title = line
        else:
            preamble.append(line)

    if not chapters:
        raise MeasuresFormatError("未找到任何章（第N章）。")
    if issue_date is None:
        raise MeasuresFormatError("未找到成文日期（YYYY年M月D日）。")
    if not title:
        raise MeasuresFormatError("未找到文件标题。")
    expected = 1
    for chapter in chapters:
        if not chapter.articles:
            raise MeasuresFormatError(f"第{chapter.number}章没有条文。")
        for article in chapter.articles:
            if article.number != expected:
                raise MeasuresFormatError(f"条号不连续：应为第{expected}条，实为第{article.number}条。")
            expected += 1

    effective_date = None
    for article in reversed([a for c in chapters for a in c.articles]):
        found = EFFECTIVE_RE.search(article.text)
        if found:
            effective_date = date(*(int(part) for part in found.groups()))
            break

    return ParsedMeasures(
        document_number=document_number,
        issue_date=issue_date,
        title=title,
        preamble=preamble,
        chapters=chapters,
        annexes=annexes,
        effective_date=effective_date,
    )
