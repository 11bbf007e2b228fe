"""Load held: the locust scenario (benchmarks/locustfile.py) against gunicorn with the production settings,
PostgreSQL and Redis, with a PostgreSQL restart and a Redis outage during the run if asked:

    .venv/bin/python benchmarks/bench_load.py --database-url postgres://postgres@127.0.0.1:5544/portal_load \
        --redis-url redis://127.0.0.1:6390/0 [--start-redis] [--reuse] [--users 200] [--duration 600] \
        [--pg-data /tmp/load-pg --pg-restart-at 240] [--redis-down-at 360 --redis-down-for 90]

1. (Re)creates the database (`--reuse` keeps one loaded before), migrates it and loads the demo content, with
   audit and TOTP-sealing keys of the benchmark's own (production refuses the public development keys).
2. Writes the plan: the public pages, the applicant accounts with a draft each, the staff accounts with
   their TOTP parameters; counts the partner units and attachments of each draft.
3. Starts redis-server on the URL's port (`--start-redis`), gunicorn (portal.gunicorn_conf,
   portal.settings.production) and locust headless, and samples the load average every 5 s. At
   `--pg-restart-at` seconds it restarts the PostgreSQL of `--pg-data` (pg_ctl restart -m fast); at
   `--redis-down-at` it kills its redis-server and starts it again `--redis-down-for` seconds later.
4. Prints what it measured (benchmarks/load_report.py), with the load average beside each figure, and checks
   that the partner units and attachments in the database equal the successful saves and uploads.
The shared services are never touched: restarting PostgreSQL on 5432 or starting Redis on 6379 is refused.
Everything it starts, it stops (by pid).
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import ROOT, free_port, manage, recreate_database, start_gunicorn, wait_for
from load_report import Clock, report

# Keys of the benchmark's own: the demo's TOTP secrets are sealed with them, the audit chain is keyed with them.
AUDIT_KEYS = "bench:2e7a2c284e411e01837ada26a57ef764ee4438695e70ea6e8cd9faeaf34fae20"
TOTP_KEYS = "bench:dfd0ec55d47cd6b8bdb23dfa598a6d99"  # 16 bytes: SM4
SHARED_PORTS = {"postgres": 5432, "redis": 6379}


def arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL"), required=False)
    parser.add_argument("--redis-url", default=os.environ.get("LOAD_REDIS_URL"))
    parser.add_argument("--start-redis", action="store_true", help="run redis-server on the URL's port")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it is already loaded")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=600, help="seconds")
    parser.add_argument("--applicants", type=int, default=30)
    parser.add_argument("--staff", type=int, default=12, help="at most one per staff account")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pg-data", help="data directory of the PostgreSQL behind --database-url")
    parser.add_argument("--pg-restart-at", type=float)
    parser.add_argument("--redis-down-at", type=float)
    parser.add_argument("--redis-down-for", type=float, default=60)
    parser.add_argument("--server-log", default="/tmp/bench-load-gunicorn.log", help="gunicorn's stderr")
    parser.add_argument("--static-root", default="/tmp/bench-load-static", help="collected once, then kept")
    parser.add_argument("--locust-log", default="/tmp/bench-load-locust.log", help="locust's stderr")
    args = parser.parse_args()
    if not args.database_url or not args.redis_url:
        parser.error("--database-url and --redis-url (or LOAD_DATABASE_URL, LOAD_REDIS_URL) are required")
    pg_port = urlsplit(args.database_url).port or 5432
    redis_port = urlsplit(args.redis_url).port or 6379
    if args.pg_restart_at is not None and (not args.pg_data or pg_port == SHARED_PORTS["postgres"]):
        parser.error("--pg-restart-at needs --pg-data of a PostgreSQL of your own (not the shared 5432)")
    if args.start_redis and redis_port == SHARED_PORTS["redis"]:
        parser.error("--start-redis: choose a port of your own, not the shared 6379")
    if args.redis_down_at is not None and not args.start_redis:
        parser.error("--redis-down-at needs --start-redis (only a redis-server of this run is killed)")
    return args, redis_port


def start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if (
            subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip()
            == b"PONG"
        ):
            return process
        time.sleep(0.1)
    raise RuntimeError(f"redis-server did not start on port {port}")


def probe(base: str, paths, until: threading.Event, results: list) -> None:
    """While Redis is down: the public pages and search, one after another, as a person would ask for them."""
    while not until.is_set():
        for path in paths:
            started = time.time()
            try:
                with urllib.request.urlopen(base + path, timeout=120) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            results.append(
                {"t": time.time(), "path": path, "status": status, "ms": (time.time() - started) * 1000}
            )


def restart_postgres(data: str) -> None:
    owner = Path(data).stat().st_uid
    command = [f"/usr/lib/postgresql/{_pg_major(data)}/bin/pg_ctl", "-D", data, "restart", "-m", "fast", "-w"]
    if os.geteuid() == 0 and owner != 0:
        import pwd

        command = ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _pg_major(data: str) -> str:
    return (Path(data) / "PG_VERSION").read_text().strip()


def main() -> None:
    args, redis_port = arguments()
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    common = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "AUDIT_HMAC_KEYS": AUDIT_KEYS,
        "TOTP_KEY_ENCRYPTION_KEYS": TOTP_KEYS,
        "AUDIT_CHECKPOINT_FILE": str(work / "audit-checkpoints.jsonl"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "STATIC_ROOT": args.static_root,
        "LOG_LEVEL": "WARNING",
    }
    setup_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "0",
        "REDIS_URL": "",
    }
    if not args.reuse:
        print(f"数据库 {args.database_url}：重建、迁移、载入演示内容 …", flush=True)
        recreate_database(args.database_url)
        manage(setup_env, "migrate", "--noinput")
        manage(setup_env, "load_demo")
    port = args.port or free_port()
    web_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PORTAL_ENV": "prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # TLS ends at the proxy; the client talks to gunicorn directly
        "REDIS_URL": args.redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_PRELOAD_SEGMENTATION": "1",  # as docker-compose runs it: jieba loaded once, in the master
    }
    if not (Path(args.static_root) / "staticfiles.json").exists():
        manage(web_env, "collectstatic", "--noinput")

    os.environ.update({k: setup_env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG")})
    os.environ.update({k: common[k] for k in ("AUDIT_HMAC_KEYS", "TOTP_KEY_ENCRYPTION_KEYS", "LOG_LEVEL")})
    os.environ["REDIS_URL"] = ""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import load_plan
    from django.db import connections

    from accounts.demo import DEMO_PASSWORD

    plan = load_plan.build(DEMO_PASSWORD)
    drafts = [a["application"] for a in plan["applicants"]]
    before = load_plan.created_keys(drafts)
    connections.close_all()  # no connection of this process is open across the PostgreSQL restart
    plan_file, record_file = work / "plan.json", work / "requests.jsonl"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")

    redis = start_redis(redis_port) if args.start_redis else None
    gunicorn = start_gunicorn(web_env, stderr=open(args.server_log, "w"))
    base = f"http://127.0.0.1:{port}"
    clock = Clock()
    locust = None
    try:
        wait_for(base + "/")
        locust_env = {
            **os.environ,
            "LOAD_PLAN": str(plan_file),
            "LOAD_RECORD": str(record_file),
            "LOAD_APPLICANTS": str(min(args.applicants, args.users)),
            "LOAD_STAFF": str(min(args.staff, len(plan["staff"]))),
        }
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.duration}s",
             "--host", base, "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "30",
             "--exit-code-on-error", "0"],
            cwd=ROOT, env=locust_env, stdout=subprocess.DEVNULL, stderr=open(args.locust_log, "w"),
        )  # fmt: skip
        clock.start()
        redis_back_at, probed, probing = None, [], threading.Event()
        paths = ["/", plan["pages"]["centre"][0], plan["pages"]["guide"][0]]
        paths += ["/search/?q=" + urllib.parse.quote(q) for q in plan["searches"][:2]]
        while locust.poll() is None:
            clock.sample()
            elapsed = clock.elapsed()
            if (
                args.pg_restart_at is not None
                and "pg_restart" not in clock.events
                and elapsed >= args.pg_restart_at
            ):
                clock.mark("pg_restart")
                restart_postgres(args.pg_data)
                clock.mark("pg_back")
            if (
                args.redis_down_at is not None
                and "redis_down" not in clock.events
                and elapsed >= args.redis_down_at
            ):
                clock.mark("redis_down")
                redis.send_signal(signal.SIGKILL)
                redis.wait(timeout=10)
                redis_back_at = elapsed + args.redis_down_for
                threading.Thread(target=probe, args=(base, paths, probing, probed), daemon=True).start()
            if redis_back_at is not None and elapsed >= redis_back_at:
                probing.set()
                redis = start_redis(redis_port)
                clock.mark("redis_back")
                redis_back_at = None
            time.sleep(1)
        clock.stop()
    finally:
        if locust is not None and locust.poll() is None:
            locust.terminate()
            locust.wait(timeout=60)
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        if redis is not None and redis.poll() is None:
            redis.terminate()
            redis.wait(timeout=10)

    after = load_plan.created_keys(drafts)
    records = [json.loads(line) for line in record_file.read_text(encoding="utf-8").splitlines() if line]
    ok = report(args, plan, records, clock, before, after, probed)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
