"""`make run`'s embedded default runs its scheduled work (R-23, R-30, R-41 on a laptop): the Procfile under
honcho starts the web server, a Celery worker and beat on kombu's filesystem broker, with no Redis.

The test starts that configuration on a fresh SQLite database of its own and sees a beat-scheduled task —
the notification sweep — run on the worker and deliver an e-mail that the broker never got."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HONCHO = BIN / "honcho"

PENDING_EMAIL = """
from django.db import transaction
from accounts.models import User
from services.notifications.service import notify
user = User.objects.create_user("beat.check", email="beat.check@example.cn", password="Jiliang-2025-x")
with transaction.atomic():
    notify(kind="case.status_changed", recipients=[user], event_key="embedded-beat-check",
           context={"object": "演示中心", "from_status": "筹建中", "to_status": "已申请验收"})
print("queued")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env, timeout=600):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


def wait_for(condition, seconds, what, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(
        f"timed out after {seconds}s waiting for {what}:\n{log.read_text(errors='replace')[-6000:]}"
    )


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.skipif(not HONCHO.exists(), reason="honcho is not installed in the virtual environment")
def test_the_procfile_runs_web_worker_and_beat_and_a_beat_task_delivers(tmp_path):
    mail = tmp_path / "mail"
    mail.mkdir()
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
        },
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_DIR": str(tmp_path / "celery"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "NOTIFICATIONS_REQUEUE_GRACE_SECONDS": "0",
        "NOTIFICATIONS_SWEEP_SECONDS": "5",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
    }
    run([sys.executable, "manage.py", "migrate", "--noinput"], env)
    # A pending e-mail whose delivery task was lost (published to a broker nobody reads): only beat's
    # sweep can get it delivered.
    assert (
        "queued"
        in run(
            [sys.executable, "manage.py", "shell", "-c", PENDING_EMAIL],
            {**env, "CELERY_BROKER_URL": "memory://"},
        ).stdout
    )
    assert not any(mail.iterdir())
    log = tmp_path / "honcho.log"
    process = subprocess.Popen(
        [str(HONCHO), "start", "-f", "Procfile", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(
            lambda: answers(f"http://127.0.0.1:{port}/accounts/login/"), 180, "the web server on PORT", log
        )
        wait_for(
            lambda: any(p.read_text(errors="replace").count("beat.check@example.cn") for p in mail.iterdir()),
            240,
            "the e-mail",
            log,
        )
        text = log.read_text(errors="replace")
        assert "services.notifications.tasks.requeue_stale" in text  # beat sent it, the worker ran it
        assert "sweep: re-queueing 1 pending notification(s)" in text
        sent = run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from services.notifications.models import Notification as N; print(N.objects.get(recipient__username='beat.check', channel='email').status)",
            ],
            env,
        )
        assert sent.stdout.strip().endswith("sent")
        body = "".join(p.read_text(errors="replace") for p in mail.iterdir())
        assert f"http://127.0.0.1:{port}" in body or "beat.check@example.cn" in body
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(tmp_path / "celery", ignore_errors=True)


def test_portal_base_url_follows_port_under_make_run():
    result = run(["make", "-n", "run", "PORT=8123"], {**os.environ, "PORTAL_BASE_URL": ""}, timeout=60)
    assert 'PORTAL_BASE_URL="http://127.0.0.1:8123"' in result.stdout
    assert "honcho start -f Procfile -p 8123" in result.stdout
