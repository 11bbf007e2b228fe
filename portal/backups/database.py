"""The database side of a backup: a consistent snapshot (pg_dump) with row counts and the audit
checkpoint taken in that same snapshot, and pg_restore into an empty database."""

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction


class DatabaseRefused(Exception):
    pass


def _client_env_and_args(settings_dict) -> tuple[dict, list[str]]:
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return env, args


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@contextmanager
def snapshot():
    """A repeatable-read transaction whose snapshot pg_dump shares (``--snapshot``): the counts, the
    audit checkpoint and the dump all see the same moment, even while the portal keeps writing."""
    if connection.vendor != "postgresql":
        raise DatabaseRefused("备份与恢复需要 PostgreSQL（pg_dump / pg_restore）。")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor.fetchone()[0]


def dump(target: Path, snapshot_id: str) -> None:
    env, args = _client_env_and_args(connection.settings_dict)
    command = ["pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--snapshot={snapshot_id}", f"--file={target}", connection.settings_dict["NAME"]]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise DatabaseRefused(f"pg_dump 失败：{result.stderr.strip()}")


def assert_empty() -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise DatabaseRefused(
            f"目标数据库 {connection.settings_dict['NAME']} 不是空库（已有 {len(tables)} 张表，如 {tables[0]}）："
            "请恢复到新建的空数据库。"
        )


def restore(source: Path) -> None:
    env, args = _client_env_and_args(connection.settings_dict)
    command = [
        "pg_restore",
        *args,
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    command += [f"--dbname={connection.settings_dict['NAME']}", str(source)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise DatabaseRefused(f"pg_restore 失败：{result.stderr.strip()}")
