"""One date style (R-42 shows dates to the parties): every Chinese date is written by one filter,
"2028年2月29日" without zero padding, in pages, PDFs, e-mails and messages."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from django.template import Context, Template

from services.deadlines.formatting import cn_date

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ["accounts", "cms_pages", "portal", "search", "services"]
# Machine-readable dates in attributes (<time datetime>, <meta content>) keep ISO formats.
ATTRIBUTE = re.compile(r"""(datetime|content)=["']\{\{ [\w.]+\|date:'(Y-m-d|c)' \}\}["']""")


def _files(*suffixes):
    for top in SOURCES:
        for path in (ROOT / top).rglob("*"):
            if path.suffix in suffixes and "migrations" not in path.parts:
                yield path


def test_the_filter_writes_dates_without_zero_padding():
    assert cn_date(date(2028, 2, 29)) == "2028年2月29日"
    assert cn_date(date(2029, 12, 1)) == "2029年12月1日"
    assert cn_date(None) == ""
    # a datetime is shown in Beijing time: 17:30 UTC is the next morning in Tianjin
    assert cn_date(datetime(2026, 12, 1, 17, 30, tzinfo=UTC), with_time=True) == "2026年12月2日 01:30"


def test_the_filter_is_a_builtin_of_every_template():
    text = Template('{{ d|cn_date }} {{ t|cn_date:"time" }}').render(
        Context({"d": date(2027, 5, 1), "t": datetime(2027, 5, 1, 1, 5, tzinfo=UTC)})
    )
    assert text == "2027年5月1日 2027年5月1日 09:05"


def test_templates_use_no_other_date_format():
    offenders = []
    for path in _files(".html", ".txt"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            rest = ATTRIBUTE.sub("", line)
            if "|date" in rest or "{% now" in rest or "|time" in rest:
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == [], f"dates written other than with |cn_date: {offenders}"


def test_python_writes_no_chinese_date_by_hand():
    pattern = re.compile(r"%Y年|%m月|%d日|\.year\}年\{[^}]*\.month\}月")
    own = ROOT / "services" / "deadlines" / "formatting.py"
    offenders = [
        str(path.relative_to(ROOT))
        for path in _files(".py")
        if path != own and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"Chinese dates formatted by hand instead of cn_date(): {offenders}"
