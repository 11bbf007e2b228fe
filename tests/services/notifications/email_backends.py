"""E-mail backends for tests only (named by dotted path in EMAIL_BACKEND, also by worker subprocesses)."""

import os
import smtplib
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class SlowFileBackend(FileBackend):
    """Writes each message to its own file in EMAIL_FILE_PATH; first waits SLOW_EMAIL_SECONDS.

    Before waiting it drops a marker `sending-<pid>` so that a test knows a delivery is under way (and can
    SIGKILL the worker in the middle of it, before the message is written).
    """

    def send_messages(self, email_messages):
        delay = float(os.environ.get("SLOW_EMAIL_SECONDS", "0"))
        if delay:
            Path(self.file_path, f"sending-{os.getpid()}").touch()
            time.sleep(delay)
        return super().send_messages(email_messages)


class FlakyBackend(LocmemBackend):
    """Fails the first FLAKY_FAILURES sends with a transient SMTP error, then delivers to locmem."""

    failures_left = 0

    def send_messages(self, email_messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("连接被服务器关闭（测试）")
        return super().send_messages(email_messages)


class RefusingBackend(LocmemBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"no such user") for m in email_messages})
