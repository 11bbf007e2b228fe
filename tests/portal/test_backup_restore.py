"""Backups that restore (GB/T 22239-2019 level 3 data backup and recovery): the round trip on PostgreSQL,
and an archive with one byte changed refused with the member named."""

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts import audit
from accounts.constants import AuditAction
from portal.backups import archive, database
from tests.factories.accounts import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("backup and restore use pg_dump and pg_restore on PostgreSQL")


def server_dsn(dbname):
    params = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=dbname,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
    )


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore"[:60]
    with psycopg.connect(server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def portal_data(settings, tmp_path):
    """Units, users, audit records and files (public and private, with Chinese names)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    for i in range(3):
        unit = OrganisationFactory()
        audit.record(UserFactory(), AuditAction.DATA_EXPORTED, obj=unit, rows=i)
    files = {
        "private/cases/2026/申请书.pdf": b"%PDF-1.7 " + os.urandom(4096),
        "private/cases/2026/签名页.png": os.urandom(2048),
        "media/documents/公告.txt": "天津市计量数据建设应用中心".encode(),
    }
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return tmp_path


def hashes_under(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in archive.files_under(root)
    }


def restore(archive_path, dbname, storage: Path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    params = connection.settings_dict
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",  # reads MEDIA_ROOT and PRIVATE_MEDIA_ROOT from the environment
        DATABASE_URL=f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{dbname}",
        MEDIA_ROOT=str(storage / "media"),
        PRIVATE_MEDIA_ROOT=str(storage / "private"),
    )
    if params["PASSWORD"]:
        env["PGPASSWORD"] = params["PASSWORD"]
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def make_backup(tmp_path) -> Path:
    call_command("backup", output_dir=str(tmp_path / "backups"))
    (made,) = (tmp_path / "backups").glob("portal-backup-*.tar")
    return made


def test_round_trip_restores_every_row_and_file(portal_data, empty_database, tmp_path):
    """A backup restored into an empty database and storage has the same row counts, the same files
    (by SHA-256) and an audit chain that verifies against the checkpoint taken with the dump."""
    made = make_backup(tmp_path)
    assert made.name.startswith("portal-backup-20")
    source_counts = database.table_counts()
    result = restore(made, empty_database, tmp_path / "restored")
    assert result.returncode == 0, result.stderr
    assert "审计记录链完整" in result.stdout
    with psycopg.connect(server_dsn(empty_database)) as restored:
        restored_counts = {
            table: restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in source_counts
        }
    assert restored_counts == source_counts and source_counts["accounts_auditrecord"] >= 3
    for root in ("media", "private"):
        assert hashes_under(tmp_path / "restored" / root) == hashes_under(portal_data / root) != {}


def test_one_changed_byte_is_refused_naming_the_file(portal_data, empty_database, tmp_path):
    """Bad input: a backup archive with one byte changed — in a private file, the database dump or the
    manifest — is refused naming that file, before anything is restored."""
    made = make_backup(tmp_path)
    for member in ("private_media/cases/2026/申请书.pdf", archive.DATABASE, archive.MANIFEST):
        with tarfile.open(made) as tar:
            offset = tar.getmember(member).offset_data + tar.getmember(member).size // 2
        data = bytearray(made.read_bytes())
        data[offset] ^= 0x01
        damaged = tmp_path / f"damaged-{member.replace('/', '_')}.tar"
        damaged.write_bytes(bytes(data))
        result = restore(damaged, empty_database, tmp_path / "restored")
        assert result.returncode != 0, member
        assert "拒绝恢复" in result.stderr and member in result.stderr, result.stderr
        with psycopg.connect(server_dsn(empty_database)) as untouched:
            tables = untouched.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()[0]
        assert tables == 0
        assert not archive.files_under(tmp_path / "restored")


def test_restore_refuses_a_database_that_is_not_empty(portal_data, tmp_path, settings):
    made = make_backup(tmp_path)
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "fresh-private"
    with pytest.raises(CommandError, match="不是空库"):
        call_command("restore", str(made))
