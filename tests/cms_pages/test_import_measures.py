"""import_measures: the measures as a PolicyPage, each article with its exact text, idempotent."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from cms_pages.measures import MEASURES_FILE
from cms_pages.measures.importer import body_outline
from cms_pages.models import PolicyPage

ARTICLE_LINE = re.compile(r"^第([一二三四五六七八九十]+)条\s*(.*)$")


@pytest.fixture
def site_tree(db, progress):
    from cms_pages.demo import site_tree

    home = site_tree.ensure_home(progress)
    site_tree.ensure_columns(home, progress)
    return home


def run_command(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_measures", *args, stdout=out)
    return out.getvalue()


def test_import_creates_a_live_policy_page_with_every_chapter_and_article(site_tree):
    output = run_command()
    assert "已创建" in output and "6章、25条、5个附件" in output
    assert "[##############################] 6/6" in output  # counted progress

    page = PolicyPage.objects.get()
    assert page.live
    assert page.document_number == "津市场监管计〔2025〕14号"
    assert page.issuer == "天津市市场监督管理委员会"
    assert page.issue_date.isoformat() == "2025-07-22"
    assert page.effective_date.isoformat() == "2025-08-01"
    outline = body_outline(page)
    assert [number for number, _, _ in outline] == [1, 2, 3, 4, 5, 6]

    # Every article line of the file is the first line of the stored article of that number, verbatim,
    # and every other line of the file between articles is in the stored text of the article before it.
    stored = {number: text for _, _, articles in outline for number, text in articles}
    assert sorted(stored) == list(range(1, 26))
    lines = [line.strip() for line in MEASURES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen = 0
    for line in lines:
        match = ARTICLE_LINE.match(line)
        if match:
            seen += 1
            assert stored[seen].splitlines()[0] == match.group(2)
    assert seen == 25
    body_lines = {line for text in stored.values() for line in text.splitlines()}
    start = next(i for i, line in enumerate(lines) if line.startswith("第一条"))
    end = next(i for i, line in enumerate(lines) if line.startswith("附件"))
    for line in lines[start:end]:
        if not line.startswith("第") or not re.match(r"^第[一二三四五六七八九十]+[章条]", line):
            assert line in body_lines, line

    assert [(a.number, a.title) for a in page.annexes.all()] == [
        (1, "天津市计量数据建设应用中心申报书"),
        (2, "天津市计量数据建设应用中心申报评审评分表"),
        (3, "天津市计量数据建设应用中心筹建评审报告"),
        (4, "天津市计量数据建设应用中心筹建任务书"),
        (5, "天津市计量数据建设应用中心验收报告"),
    ]


def test_import_is_idempotent_and_updates_in_place(site_tree):
    run_command()
    page = PolicyPage.objects.get()
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()

    output = run_command()
    assert "内容未变化" in output
    assert PolicyPage.objects.count() == 1
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions

    # An editor's change to an article is put back by the next import, on the same page.
    page.body[0].value["articles"][0]["text"] = "改动过的条文"
    page.save_revision().publish()
    assert "已更新" in run_command()
    again = PolicyPage.objects.get()
    assert again.pk == page.pk
    assert body_outline(again)[0][2][0][1].startswith("为规范天津市计量数据建设应用中心")


def test_policy_page_renders_each_article_with_its_anchor(site_tree, client):
    run_command()
    page = PolicyPage.objects.get()
    html = client.get(page.url).content.decode()
    for number in range(1, 26):
        assert f'id="article-{number}"' in html
    assert "第二十五条" in html
    assert "本办法自2025年8月1日起施行。" in html
    assert "津市场监管计〔2025〕14号" in html
    assert "分享到" not in html


def test_import_without_a_site_fails_with_a_chinese_message(db):
    with pytest.raises(CommandError, match="还没有首页"):
        run_command()


def test_import_of_a_missing_file_names_it(db, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run_command("--file", str(tmp_path / "missing.txt"))
