"""Benchmark of the public pages on PostgreSQL under gunicorn, with the demo content, in one run:

    .venv/bin/python benchmarks/bench_pages.py [--database-url URL] [--reuse] [--requests 200] [--concurrency 4]
        [--preload-segmentation]

1. (Re)creates its own database (default postgres://postgres@127.0.0.1:5432/portal_bench; `--reuse` keeps a
   database already loaded), migrates it, loads the demo content and collects the static files.
2. Counts the SQL queries each page makes (second request: Django's cache warm) with the achievements there
   are, and again after two more copies of each demo achievement, to show the count does not grow.
3. Starts gunicorn (portal.gunicorn_conf: the app preloaded in the master) and a varnishd with the repo's VCL
   in front of it, then measures each page uncached (gunicorn directly) and through Varnish, and a static
   file through whitenoise and through Varnish: requests/s, p50 and p95, and the ratio Varnish/direct.
4. Reads each worker's RSS after the pages, then PSS after pages and searches (/proc/PID/smaps_rollup).
Every figure is printed with the load average (1 min) read when it was measured. Everything it starts,
it stops (by pid). Nothing else is touched.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
STATIC_FILE = "/static/css/portal.css"
SEARCHES = ["计量数据", "校准证书", "碳计量", "能源", "中心"]
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

    before = AchievementPage.objects.live().count()
    originals = list(AchievementPage.objects.live().exclude(slug__contains="-copy"))
    run = int(time.time())  # a database kept with --reuse already holds the copies of an earlier run
    for copy_number in (1, 2):
        for page in originals:
            page.copy(
                update_attrs={
                    "slug": f"{page.slug}-copy{copy_number}-{run}",
                    "title": f"{page.title}（副本{copy_number}）",
                },
                keep_live=True,
                log_action=None,
            )
    return before, AchievementPage.objects.live().count()


def start_gunicorn(env: dict, **popen) -> subprocess.Popen:
    """gunicorn with the portal's configuration (portal.gunicorn_conf), started from the project folder."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--config",
        "python:portal.gunicorn_conf",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, **popen)


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


def load() -> float:
    return os.getloadavg()[0]


def load_test(base: str, path: str, requests: int, concurrency: int, headers=None) -> tuple:
    """requests/s, p50 ms, p95 ms, load average after the run, share of Varnish hits."""
    hits = []

    def fetch(_):
        started = time.perf_counter()
        request = urllib.request.Request(base + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            assert response.status == 200
            hits.append(response.headers.get("X-Cache") == "HIT")
        return time.perf_counter() - started

    for _ in range(3):
        fetch(None)
    hits.clear()
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(fetch, range(requests)))
    wall = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return requests / wall, quantiles[49] * 1000, quantiles[94] * 1000, load(), sum(hits) / len(hits)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_varnish(backend_port: int, workdir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    vcl = (ROOT / "docker" / "varnish" / "default.vcl").read_text()
    vcl = vcl.replace('.host = "web";', '.host = "127.0.0.1";').replace(
        '.port = "8000";', f'.port = "{backend_port}";'
    )
    (workdir / "bench.vcl").write_text(vcl)
    workdir.chmod(0o755)
    (workdir / "bench.vcl").chmod(0o644)
    process = subprocess.Popen(
        ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(workdir / "bench.vcl"), "-s", "malloc,64m",
         "-n", str(workdir / "n")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return process, port


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/portal_bench")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reuse", action="store_true", help="keep the database if it is already loaded")
    parser.add_argument(
        "--preload-segmentation", action="store_true", help="jieba loaded once in gunicorn's master"
    )
    args = parser.parse_args()
    if not shutil.which("varnishd"):
        sys.exit("varnishd is not installed (Debian package varnish)")
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(static_root),
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_PRELOAD_SEGMENTATION": "1" if args.preload_segmentation else "",
        "REDIS_URL": "",
    }
    if not args.reuse:
        print(f"数据库 {args.database_url}：重建、迁移、载入演示内容 …", flush=True)
        recreate_database(args.database_url)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")

    os.environ.update(
        {key: env[key] for key in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "LOG_LEVEL")}
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]

    base = f"http://127.0.0.1:{args.port}"
    workdir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    gunicorn = start_gunicorn(env)
    varnish, varnish_port = start_varnish(args.port, workdir)
    cached = f"http://127.0.0.1:{varnish_port}"
    try:
        wait_for(base + "/")
        wait_for(cached + "/")
        rows = []
        for label, path in [*PAGES, ("静态文件", STATIC_FILE)]:
            direct = load_test(base, path, args.requests, args.concurrency)
            front = load_test(cached, path, args.requests, args.concurrency)
            rows.append((label, path, direct, front))
        after_pages = {pid: memory_mb(pid) for pid in worker_pids(gunicorn.pid)}
        pages_load = load()
        for query in SEARCHES:
            for _ in range(max(1, args.requests // 20)):
                urllib.request.urlopen(base + "/search/?q=" + urllib.parse.quote(query), timeout=60).read()
        after_searches = {pid: memory_mb(pid) for pid in worker_pids(gunicorn.pid)}
        searches_load = load()
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        varnish.kill()
        varnish.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(static_root, ignore_errors=True)

    before = count_queries()
    n, three_n = triple_achievements()
    after = count_queries()

    print()
    print(
        f"gunicorn {args.workers} workers (preload_app, jieba in master: {args.preload_segmentation}), "
        f"{args.requests} requests per page and path, concurrency {args.concurrency}, PostgreSQL; "
        f"{os.cpu_count()} CPUs shared with other sessions: the load average (1 min) is beside each figure"
    )
    print()
    print(
        "| 页面 | 路径 | 直连 请求/秒 | p50/p95 (ms) | 负载 | Varnish 请求/秒 | p50/p95 (ms) | 命中率 | 负载 | 倍数 |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, path, direct, front in rows:
        print(
            f"| {label} | `{path}` | {direct[0]:.1f} | {direct[1]:.0f}/{direct[2]:.0f} | {direct[3]:.2f} "
            f"| {front[0]:.1f} | {front[1]:.1f}/{front[2]:.1f} | {front[4]:.0%} | {front[3]:.2f} "
            f"| {front[0] / direct[0]:.1f}× |"
        )
    print()
    print("| SQL 查询数 | " + " | ".join(label for label, _ in PAGES) + " |")
    print("|---|" + "---:|" * len(PAGES))
    print(f"| {n} 项成果 | " + " | ".join(str(before[label]) for label, _ in PAGES) + " |")
    print(f"| {three_n} 项成果 | " + " | ".join(str(after[label]) for label, _ in PAGES) + " |")
    print()
    for pid in after_pages:
        rss, _ = after_pages[pid]
        _, pss = after_searches.get(pid, (0.0, 0.0))
        print(
            f"worker {pid}: RSS after pages {rss:.0f} MB (load {pages_load:.2f}); "
            f"PSS after pages and searches {pss:.0f} MB (load {searches_load:.2f})"
        )
    grown = [label for label in before if after[label] != before[label]]
    print()
    print("查询数随列表项增长的页面：" + ("、".join(grown) if grown else "无"))
    sys.exit(1 if grown else 0)


if __name__ == "__main__":
    main()
