"""The portal's load scenario (locust). Started by benchmarks/bench_load.py, which writes the plan this file
reads (LOAD_PLAN: the pages, the accounts and their TOTP secrets, each applicant's draft) and reads back the
record of every request (LOAD_RECORD, one JSON line per request) to count and check it.

Three kinds of people, each on a loopback address of its own (127.0.x.y), so that the per-address rate limits
count each person as the portal would in production:
- 公众 (the rest of the users): home, measures, guides, news, centre profiles, search.
- 申请单位 (LOAD_APPLICANTS): sign in, the service hall, a section page, add a partner unit (one record per
  save), upload an attachment (one file per upload), save the goals section.
- 工作人员 (LOAD_STAFF, at most one per staff account: a TOTP code is accepted once): sign in with password and
  TOTP, then work their queues (commission, district bureau, expert) and the inbox.
A request counts as successful only with the status it should have (200 for a page, 302 after a save), never
by following redirects.
"""

import hashlib
import hmac
import itertools
import json
import os
import random
import struct
import time

from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())
RECORD = open(os.environ["LOAD_RECORD"], "a", encoding="utf-8", buffering=1 << 16)
TIMEOUT = float(os.environ.get("LOAD_TIMEOUT", "60"))
ADDRESSES = (f"127.0.{n // 250}.{n % 250 + 2}" for n in itertools.count())
APPLICANTS = itertools.cycle(PLAN["applicants"])
STAFF = iter(PLAN["staff"])
PDF = b"%PDF-1.4\n" + b"% load scenario attachment\n" * 700 + b"%%EOF\n"  # about 20 KB, a PDF by its magic
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@events.request.add_listener
def record(request_type, name, response_time, response_length, response, exception, context, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    line = {"t": time.time(), "name": name, "ms": response_time, "ok": exception is None, "status": status}
    if context:
        line.update(context)
    RECORD.write(json.dumps(line, ensure_ascii=False) + "\n")


@events.quitting.add_listener
def close_record(**kwargs):
    RECORD.flush()


class SourceAddressAdapter(LocustHttpAdapter):
    """Connections from one loopback address: the person's own address, as the portal sees it."""

    def __init__(self, address):
        self.address = address
        super().__init__(pool_manager=None)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def totp(key_hex: str, step: int = 30, t0: int = 0, digits: int = 6, drift: int = 0, at=None) -> str:
    """RFC 6238, as django-otp computes it."""
    counter = int(((at or time.time()) - t0) // step) + drift
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


def credit_code() -> str:
    """A random unified social credit code (GB 32100-2015) with a correct check character."""
    from stdnum.cn import uscc

    body = "91120116" + "".join(random.choice(CREDIT_ALPHABET) for _ in range(9))
    return body + uscc.calc_check_digit(body)


class PortalUser(HttpUser):
    abstract = True

    def on_start(self):
        self.client.mount("http://", SourceAddressAdapter(next(ADDRESSES)))

    def page(self, path, name, expect=200, **context):
        with self.client.get(
            path, name=name, allow_redirects=False, timeout=TIMEOUT, catch_response=True, context=context
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code}")
            self.plain_cookies()
            return response

    def post(self, path, name, data, files=None, expect=302, **context):
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path,
            name=name,
            data=data,
            files=files,
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
            context=context,
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code}")
            self.plain_cookies()
            return response

    def plain_cookies(self):
        """The portal's cookies are Secure (TLS ends at the proxy in production); this client talks plain
        HTTP to gunicorn, so it keeps sending them, as the browser does through the proxy."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def sign_in(self, username, password) -> bool:
        self.page("/accounts/login/", "登录页")
        response = self.post("/accounts/login/", "登录", {"username": username, "password": password})
        return response.status_code == 302


class Public(PortalUser):
    """公众: browses the public site and searches."""

    weight = 1
    wait_time = between(3, 10)

    @task(3)
    def home(self):
        self.page("/", "首页")

    @task(2)
    def measures(self):
        self.page(PLAN["pages"]["measures"], "管理办法")

    @task(2)
    def guides(self):
        self.page(PLAN["pages"]["guides"], "办事指南栏目")
        self.page(random.choice(PLAN["pages"]["guide"]), "办事指南")

    @task(2)
    def news(self):
        self.page(PLAN["pages"]["news"], "工作动态栏目")
        self.page(random.choice(PLAN["pages"]["news_item"]), "工作动态")

    @task(2)
    def centres(self):
        self.page(PLAN["pages"]["centres"], "中心名录")
        self.page(random.choice(PLAN["pages"]["centre"]), "中心简介")

    @task(2)
    def search(self):
        self.page("/search/?q=" + random.choice(PLAN["searches"]), "搜索")


class Applicant(PortalUser):
    """申请单位: the service hall, section saves and uploads on the unit's own draft."""

    fixed_count = int(os.environ.get("LOAD_APPLICANTS", "30"))
    wait_time = between(3, 10)

    def on_start(self):
        super().on_start()
        account = next(APPLICANTS)
        self.application = account["application"]
        self.base = f"/service-hall/applications/{self.application}"
        self.signed_in = self.sign_in(account["username"], PLAN["password"])

    def ensure_signed_in(self) -> bool:
        if not self.signed_in:
            self.on_start()
        return self.signed_in

    @task(2)
    def hall(self):
        if self.ensure_signed_in():
            self.page("/service-hall/", "申请：我的办件")
            self.page(f"{self.base}/", "申请：办件详情")

    @task(1)
    def basic(self):
        if self.ensure_signed_in():
            self.page(f"{self.base}/sections/basic/", "申请：基本信息页")

    @task(2)
    def add_partner(self):
        if self.ensure_signed_in():
            code = credit_code()
            self.post(
                f"{self.base}/sections/partners/",
                "申请：保存联合建设单位",
                {"name": f"压测联合单位{code[-6:]}", "credit_code": code, "responsibility": "承担数据采集。"},
                saved="partner",
                application=self.application,
                key=code,
            )

    @task(2)
    def upload(self):
        if self.ensure_signed_in():
            title = f"压测附件{random.randrange(10**12)}"
            self.post(
                f"{self.base}/sections/attachments/",
                "申请：上传附件",
                {"title": title},
                files={"file": ("附件.pdf", PDF, "application/pdf")},
                saved="file",
                application=self.application,
                key=title,
            )

    @task(1)
    def goals(self):
        if self.ensure_signed_in():
            self.post(
                f"{self.base}/sections/goals/",
                "申请：保存建设目标",
                {"goals": f"建设目标（压测 {time.time():.0f}）。", "tasks": "主要任务：数据汇聚与共享。"},
            )


class Staff(PortalUser):
    """工作人员: password and TOTP, then their queues."""

    fixed_count = int(os.environ.get("LOAD_STAFF", "12"))
    wait_time = between(3, 10)

    def on_start(self):
        super().on_start()
        self.account = next(STAFF)
        self.verified = self.sign_in_with_code()

    def sign_in_with_code(self) -> bool:
        account = self.account
        if not self.sign_in(account["username"], PLAN["password"]):
            return False
        for _attempt in range(3):  # a code is accepted once: after a refusal wait for the next one
            code = totp(account["key"], account["step"], account["t0"], account["digits"], account["drift"])
            response = self.post("/accounts/otp/", "登录：动态口令", {"token": code})
            if response.status_code == 302:
                return True
            time.sleep(account["step"] - time.time() % account["step"] + 1)
        return False

    @task
    def queues(self):
        if not self.verified:
            self.verified = self.sign_in_with_code()
            return
        path, name = random.choice(self.account["paths"])
        self.page(path, name)
