"""Indexing follows Wagtail: publish, unpublish, move, delete and view restrictions (R-44: only published,
public outcomes are searchable). Tasks run eagerly in the test settings, after the transaction commits."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command

from search.models import SearchEntry
from search.sources import chinese_number


def doc_ids():
    return set(SearchEntry.objects.values_list("doc_id", flat=True))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what is queued with transaction.on_commit, as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_publishing_indexes_the_page_with_its_facets(commit, achievement_page):
    """R-44: a published achievement is searchable with its type, key field, centre and district."""
    commit(lambda: achievement_page.save_revision().publish())
    entry = SearchEntry.objects.get(doc_id=f"achievement-{achievement_page.pk}")
    assert entry.title == "碳计量标准物质与校准能力共享目录"
    assert entry.type == "共享数据目录"
    assert entry.key_field == "绿色环保"
    assert entry.centre == "天津市碳计量数据建设应用中心"
    assert entry.district == "西青区"
    assert entry.year == 2025
    assert "碳计量" in entry.title_segmented.split()
    assert entry.url.endswith("/carbon-capability-catalogue/")


def test_nothing_is_indexed_before_the_transaction_commits(
    django_capture_on_commit_callbacks, achievement_page
):
    SearchEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        achievement_page.save_revision().publish()
    assert callbacks, "publishing queues the indexing task on commit"
    assert not SearchEntry.objects.filter(page_id=achievement_page.pk).exists()


def test_a_draft_is_never_indexed(commit, publish, key_fields):
    from cms_pages.models import AchievementPage

    page = AchievementPage(
        title="未发布的草稿成果",
        slug="draft",
        achievement_type="dataset",
        key_field=key_fields["新能源"],
        year=2025,
        abstract="草稿",
    )
    commit(lambda: publish("achievements", page, live=False))
    commit(lambda: page.save_revision())
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_unpublishing_removes_the_page(commit, achievement_page):
    """R-44: an unpublished outcome disappears from search."""
    commit(lambda: achievement_page.save_revision().publish())
    commit(lambda: achievement_page.unpublish())
    assert not SearchEntry.objects.filter(page_id=achievement_page.pk).exists()


def test_deleting_removes_the_page(commit, achievement_page):
    commit(lambda: achievement_page.save_revision().publish())
    page_id = achievement_page.pk
    commit(lambda: achievement_page.delete())
    assert not SearchEntry.objects.filter(page_id=page_id).exists()


def test_a_view_restriction_removes_the_page_and_lifting_it_restores_it(commit, achievement_page):
    """R-44: only public content is indexed; a private page (or one under a private section) is not."""
    from wagtail.models import PageViewRestriction

    commit(lambda: achievement_page.save_revision().publish())
    parent = achievement_page.get_parent()
    restriction = commit(
        lambda: PageViewRestriction.objects.create(
            page=parent, restriction_type=PageViewRestriction.PASSWORD, password="secret-123"
        )
    )
    assert not SearchEntry.objects.filter(page_id=achievement_page.pk).exists()
    commit(lambda: restriction.delete())
    assert SearchEntry.objects.filter(page_id=achievement_page.pk).exists()


def test_moving_reindexes_the_new_url(commit, achievement_page, site_tree):
    from cms_pages.models import AchievementIndexPage

    commit(lambda: achievement_page.save_revision().publish())
    other = site_tree["home"].add_child(instance=AchievementIndexPage(title="成果二", slug="results-two"))
    commit(lambda: achievement_page.move(other, pos="last-child"))
    entry = SearchEntry.objects.get(page_id=achievement_page.pk)
    assert "/results-two/" in entry.url


def test_a_published_measure_is_indexed_one_record_per_article(commit, publish):
    from cms_pages.models import PolicyPage

    body = [
        {
            "type": "chapter",
            "value": {
                "number": 4,
                "title": "筹建和验收",
                "articles": [
                    {"number": 13, "text": "计量数据中心建设单位应当在筹建期限届满3个月前申请验收考核。"},
                    {"number": 15, "text": "验收考核采取现场审查的方式。"},
                ],
            },
        }
    ]
    page = PolicyPage(
        title="天津市计量数据建设应用中心管理办法（试行）",
        slug="measures",
        issuer="天津市市场监督管理委员会",
        issue_date=datetime.date(2025, 7, 22),
        body=body,
    )
    commit(lambda: publish("policies", page))
    entries = {e.doc_id: e for e in SearchEntry.objects.filter(page_id=page.pk)}
    assert set(entries) == {f"measure-{page.pk}-13", f"measure-{page.pk}-15"}
    article = entries[f"measure-{page.pk}-13"]
    assert article.title.endswith("第十三条")
    assert article.url.endswith("#article-13")
    assert article.type == "第四章 筹建和验收"


def test_index_tasks_go_to_the_indexing_queue():
    assert settings.CELERY_TASK_ROUTES["search.tasks.*"] == {"queue": "indexing"}
    from search.tasks import index_page, index_subtree, remove_page

    assert {index_page.name, index_subtree.name, remove_page.name} == {
        "search.tasks.index_page",
        "search.tasks.index_subtree",
        "search.tasks.remove_page",
    }


def test_reindex_command_rebuilds_from_live_public_pages(commit, achievement_page, centre_page, capsys):
    SearchEntry.objects.all().delete()
    call_command("reindex", "--backend", "database")
    assert {f"achievement-{achievement_page.pk}", f"centre-{centre_page.pk}"} <= doc_ids()
    assert "已索引" in capsys.readouterr().out


def test_demo_step_indexes_and_is_idempotent(achievement_page):
    from portal.demo import STEPS, Progress
    from search import demo

    assert STEPS.index("search.demo") > STEPS.index("cms_pages.demo")
    lines = []
    demo.run(Progress(lines.append))
    first = doc_ids()
    demo.run(Progress(lines.append))
    assert doc_ids() == first
    assert f"achievement-{achievement_page.pk}" in first


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (13, "十三"), (20, "二十"), (25, "二十五")])
def test_article_numbers_in_chinese(n, text):
    assert chinese_number(n) == text
