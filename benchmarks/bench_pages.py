"""Benchmark of the public pages on PostgreSQL under gunicorn, with the demo content.

    .venv/bin/python benchmarks/bench_pages.py [--requests 200] [--concurrency 4]

1. (Re)creates its own database (default postgres://postgres@127.0.0.1:5432/portal_bench), migrates it and
   loads the demo content.
2. Counts the SQL queries each page makes, with N achievements and again with 3N (copies of the demo ones,
   all linked to the same centres), to show the count does not grow with the items listed.
3. Starts gunicorn on the database and reports requests/s and p50/p95 latency per page.
Everything it starts, it stops. Nothing else is touched.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("首页", "/"),
    ("管理办法", "/policies/jin-shichangjianguan-ji-2025-14/"),
    ("中心名录", "/centres/"),
    ("中心简介", "/centres/energy-metrology-data/"),
    ("成果列表", "/achievements/"),
    ("成果详情", "/achievements/energy-data-sharing-catalogue-v1/"),
]


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def count_queries() -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, path in PAGES:
        client.get(path)  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[label] = len(queries.captured_queries)
    return counts


def triple_achievements() -> tuple[int, int]:
    from cms_pages.models import AchievementPage

    originals = list(AchievementPage.objects.live())
    for copy_number in (1, 2):
        for page in originals:
            page.copy(
                update_attrs={
                    "slug": f"{page.slug}-copy{copy_number}",
                    "title": f"{page.title}（副本{copy_number}）",
                },
                keep_live=True,
                log_action=None,
            )
    return len(originals), AchievementPage.objects.live().count()


def wait_for(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=10).read()
            return
        except OSError as error:
            last_error = error
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer at {url}: {last_error}")


def load_test(base: str, path: str, requests: int, concurrency: int) -> tuple[float, float, float]:
    def fetch(_):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
            assert response.status == 200
        return time.perf_counter() - started

    for _ in range(3):
        fetch(None)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(fetch, range(requests)))
    wall = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return requests / wall, quantiles[49] * 1000, quantiles[94] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    print(f"数据库 {args.database_url}：重建、迁移、载入演示内容 …", flush=True)
    recreate_database(args.database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")

    os.environ.update(
        {key: env[key] for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "LOG_LEVEL")}
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]

    base = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(base + "/")
        throughput = {label: load_test(base, path, args.requests, args.concurrency) for label, path in PAGES}
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    before = count_queries()
    n, three_n = triple_achievements()
    after = count_queries()

    print()
    print(
        f"gunicorn {args.workers} workers, {args.requests} requests per page, concurrency {args.concurrency}, PostgreSQL"
    )
    print()
    print(
        f"| 页面 | 路径 | 请求/秒 | p50 (ms) | p95 (ms) | SQL 查询数（{n} 项成果） | SQL 查询数（{three_n} 项成果） |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, path in PAGES:
        rps, p50, p95 = throughput[label]
        print(
            f"| {label} | `{path}` | {rps:.1f} | {p50:.0f} | {p95:.0f} | {before[label]} | {after[label]} |"
        )
    grown = [label for label in before if after[label] != before[label]]
    print()
    print("查询数随列表项增长的页面：" + ("、".join(grown) if grown else "无"))
    sys.exit(1 if grown else 0)


if __name__ == "__main__":
    main()
