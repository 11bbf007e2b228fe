"""Search benchmark: 100,000 generated Chinese documents in PostgreSQL; p50/p95 latency of hits alone and of
hits with the six facet counts, for common and for rare terms; SQL statements per search; and indexing
throughput (segmentation + bulk insert with the tsvector and match-table triggers and their GIN indexes).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_search python benchmarks/bench_search.py
        [--docs 100000] [--queries 100] [--keep] [--reuse] [--rank-candidates N] [--elasticsearch]

Common terms are one vocabulary term each (each is in about a fifth to a half of the documents); rare terms
are three terms that must all match (about 1% of the documents). The documents are written beside the real
entries, under one unpublished host page, and removed at the end (unless --keep; --reuse times the
documents a --keep run left, without indexing them again). Text is generated from a vocabulary of metrology terms with a fixed seed, so runs compare.
With --elasticsearch and a reachable ELASTICSEARCH_URL the same documents are indexed into Elasticsearch
(a full rebuild of the PORTAL_ENV indices: use a benchmark environment) and the same queries timed.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20251127

TERMS = [
    "计量数据",
    "计量器具",
    "校准证书",
    "数字校准证书",
    "量值溯源",
    "测量不确定度",
    "检定规程",
    "校准规范",
    "能源计量",
    "碳计量",
    "碳排放",
    "在线监测",
    "远程校准",
    "智能电能表",
    "智能水表",
    "燃气表",
    "热量表",
    "电子汽车衡",
    "医疗器械",
    "呼吸机",
    "输液泵",
    "监护仪",
    "动力电池",
    "充放电测试",
    "传感器漂移",
    "激光跟踪仪",
    "扭矩扳子",
    "压力传感器",
    "温度测点",
    "标准物质",
    "共享清单",
    "数据集",
    "技术规范",
    "示范案例",
    "发明专利",
    "数据质量",
    "数据安全",
    "等级保护",
    "分类分级",
    "个人信息",
    "数据字典",
    "采集接口",
    "主数据",
    "唯一标识",
    "验收考核",
    "筹建任务书",
    "年度报告",
    "监督检查",
    "复查",
    "知识库",
    "人才培养",
    "数字化转型",
    "物联网",
    "云计算",
    "数据孤岛",
    "互通共享",
    "贸易结算",
    "公平贸易",
    "乡村振兴",
    "生态环境",
    "生命健康",
    "新能源汽车",
    "海洋装备",
    "航空航天",
    "高端装备",
]
VERBS = ["开展", "建立", "完善", "规范", "推动", "汇集", "评价", "分析", "比对", "核查", "优化", "发布"]
FILLERS = ["的", "与", "及", "和", "中", "方面", "工作", "机制", "方法", "体系", "平台", "应用"]
TYPES = ["共享数据目录", "数据集", "技术规范", "专利", "示范案例", "软件"]
KINDS = ["achievement", "knowledge", "centre", "measure"]
KEY_FIELDS = [
    "新一代信息技术",
    "生物技术",
    "新能源",
    "新材料",
    "高端装备",
    "新能源汽车",
    "绿色环保",
    "航空航天",
    "海洋装备",
    "公平贸易",
    "乡村振兴",
    "生态环境",
    "生命健康",
    "医疗卫生",
    "其他",
]
DISTRICTS = [
    "和平区",
    "河东区",
    "河西区",
    "南开区",
    "河北区",
    "红桥区",
    "东丽区",
    "西青区",
    "津南区",
    "北辰区",
    "武清区",
    "宝坻区",
    "滨海新区",
    "宁河区",
    "静海区",
    "蓟州区",
]
CENTRES = [
    f"天津市{t}计量数据建设应用中心"
    for t in ["能源", "碳", "医疗器械", "民生", "农产品", "智能传感", "海洋装备", "电池"]
]


def sentence(rng: random.Random) -> str:
    a, b, c = rng.sample(TERMS, 3)
    return f"{rng.choice(VERBS)}{a}{rng.choice(FILLERS)}{b}，{rng.choice(VERBS)}{c}{rng.choice(FILLERS)}。"


def generate(n: int, page_id: int):
    from search.records import IndexRecord

    rng = random.Random(SEED)
    start = datetime.date(2018, 1, 1)
    for i in range(n):
        date = start + datetime.timedelta(days=rng.randrange(3000))
        title_terms = rng.sample(TERMS, rng.randint(2, 3))
        yield IndexRecord(
            doc_id=f"bench-{i}",
            kind=rng.choice(KINDS),
            page_id=page_id,
            title="".join(title_terms) + rng.choice(["研究", "数据集", "技术规范", "示范", "指南", "解读"]),
            body="".join(sentence(rng) for _ in range(rng.randint(3, 6))),  # an abstract: ~100-200 characters
            url=f"/bench/{i}/",
            type=rng.choice(TYPES),
            key_field=rng.choice(KEY_FIELDS),
            district=rng.choice(DISTRICTS),
            centre=rng.choice(CENTRES),
            year=date.year,
            date=date,
        )


def queries(n: int) -> dict[str, list[str]]:
    """`n` common queries (one term) and `n` rare ones (three terms), from a fixed seed."""
    rng = random.Random(SEED + 1)
    common = [rng.choice(TERMS) for _ in range(n)]
    rare = [
        "".join(rng.sample(TERMS, 3)) if rng.random() < 0.7 else " ".join(rng.sample(TERMS, 3))
        for _ in range(n)
    ]
    return {"common": common, "rare": rare}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_queries(backend, texts: list[str], with_facets: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.query import SearchQuery

    backend.search(SearchQuery(text=texts[0], with_facets=with_facets))  # warm up
    timings, totals, statements = [], [], []
    for text in texts:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            results = backend.search(SearchQuery(text=text, with_facets=with_facets))
            timings.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
        statements.append(len(captured.captured_queries))
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 95),
        "max_ms": max(timings),
        "median_hits": statistics.median(totals),
        "max_statements": max(statements),
        "load": os.getloadavg()[0],
    }


def report_line(label: str, stats: dict, n: int) -> str:
    return (
        f"  {label}: p50 {stats['p50_ms']:.1f} ms, p95 {stats['p95_ms']:.1f} ms, max {stats['max_ms']:.1f} ms"
        f" (median hits {stats['median_hits']:.0f}, at most {stats['max_statements']} SQL statements)"
        f" over {n} queries (load {stats['load']:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="queries of each kind (common, rare)")
    parser.add_argument("--keep", action="store_true", help="leave the generated entries in the database")
    parser.add_argument(
        "--reuse", action="store_true", help="time the entries a --keep run left (no indexing)"
    )
    parser.add_argument(
        "--rank-candidates",
        type=int,
        default=None,
        help="matches the relevance sort scores (search.backends.pg_search.RANK_CANDIDATES; 0: every match)",
    )
    parser.add_argument(
        "--elasticsearch", action="store_true", help="also index into and query Elasticsearch"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.db import connection
    from wagtail.models import Page

    from search.backends.database import DatabaseBackend
    from search.models import SearchEntry
    from search.segmentation import words

    if connection.vendor != "postgresql":
        sys.exit("The benchmark measures PostgreSQL: set DATABASE_URL=postgres://...")
    if args.rank_candidates is not None:
        from search.backends import pg_search

        pg_search.RANK_CANDIDATES = args.rank_candidates

    words("预热分词词典")  # load jieba's dictionary before timing
    backend = DatabaseBackend()
    texts = queries(args.queries)
    report = {}
    generated = SearchEntry.objects.filter(doc_id__startswith="bench-")
    reuse = args.reuse and generated.count() == args.docs
    if reuse:
        host = Page.objects.get(pk=generated.values_list("page_id", flat=True).first())
        print(f"reusing the {args.docs} generated documents a --keep run left (indexing not measured)")
    else:
        generated.delete()
        root = Page.get_first_root_node()
        host = root.add_child(
            instance=Page(
                title="检索基准测试（自动删除）", slug=f"search-bench-{int(time.time())}", live=False
            )
        )
    try:
        if not reuse:
            print(f"indexing {args.docs} generated documents into PostgreSQL …")
            started = time.perf_counter()

            def progress(done, total, message):
                if done % 10_000 == 0:
                    rate = done / (time.perf_counter() - started)
                    print(
                        f"  {done}/{total} indexed, {rate:.0f} docs/s so far (load {os.getloadavg()[0]:.2f})",
                        flush=True,
                    )

            written = backend.bulk_add(generate(args.docs, host.pk), args.docs, progress)
            elapsed = time.perf_counter() - started
            report["index"] = {"docs": written, "seconds": elapsed, "docs_per_s": written / elapsed}
            print(
                f"  {written} docs in {elapsed:.1f} s = {written / elapsed:.0f} docs/s"
                f" (jieba, in a child process beside the writer + bulk insert + tsvector and match-table triggers + GIN indexes) (load {os.getloadavg()[0]:.2f})"
            )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
            cursor.execute("VACUUM ANALYZE search_searchmatch")
        from search.backends import pg_search

        print(f"relevance sort scores at most {pg_search.RANK_CANDIDATES or 'every'} matches")
        for kind, kind_texts in texts.items():
            for with_facets in (False, True):
                label = f"{kind} terms, " + ("hits and 6 facets" if with_facets else "hits only")
                stats = time_queries(backend, kind_texts, with_facets)
                report[label] = stats
                print(report_line(label, stats, len(kind_texts)), flush=True)

        if args.elasticsearch:
            from search.backends import elasticsearch_backend

            es = elasticsearch_backend()
            if es is None:
                print("  elasticsearch: not measured (ELASTICSEARCH_URL unset or unreachable)")
            else:
                started = time.perf_counter()
                written = es.rebuild(generate(args.docs, host.pk), args.docs)
                elapsed = time.perf_counter() - started
                print(
                    f"  elasticsearch index: {written / elapsed:.0f} docs/s (load {os.getloadavg()[0]:.2f})"
                )
                stats = time_queries(es, texts["common"] + texts["rare"], True)
                print(
                    f"  elasticsearch: p50 {stats['p50_ms']:.1f} ms, p95 {stats['p95_ms']:.1f} ms"
                    f" (load {os.getloadavg()[0]:.2f})"
                )
        else:
            print("  elasticsearch: not measured (run with --elasticsearch and ELASTICSEARCH_URL)")
    finally:
        if not args.keep:
            SearchEntry.objects.filter(page_id=host.pk).delete()
            host.delete()
    return report


if __name__ == "__main__":
    main()
