"""The demo content loader's steps, in order. Each module has `run(progress)` and is idempotent:
running the loader twice leaves the same data as running it once."""

import importlib
from collections.abc import Callable

# Each app that ships demo data adds its module here.
STEPS = [
    "cms_pages.demo",
    "accounts.demo",
    # every centre's history through the real actions (needs the units and pages above, the users)
    "portal.demo_centres",
    "services.reviews.demo",  # applications and their reviews
    "services.supervision.demo",
    # last: the search index is built over everything the steps above published
    "search.demo",
]


class Progress:
    """Counted steps for long work: `progress.step("...")` and `progress.count(i, n, "...")`."""

    def __init__(self, write: Callable[[str], None]):
        self.write = write

    def step(self, message: str) -> None:
        self.write(f"· {message}")

    def count(self, done: int, total: int, message: str) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        self.write(f"  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message}")


class ForeignCases(RuntimeError):
    """The database holds cases of real units: the demo (public passwords and secrets) is not loaded into it."""


def is_demo_database() -> bool:
    """The demo has been loaded here before: its commission account with the public demo secret exists."""
    from accounts.demo import demo_totp_key
    from accounts.models import SealedTOTPDevice

    # TOTP keys are sealed at rest (accounts.SealedTOTPDevice): compare the opened key, not the column.
    devices = SealedTOTPDevice.objects.filter(user__username="commission.officer", confirmed=True)
    return any(device.bin_key.hex() == demo_totp_key("commission.officer") for device in devices)


def refuse_foreign_cases() -> None:
    """A database with applications or centres that the demo did not create is refused (a real one)."""
    from services.applications.models import Application
    from services.centres.models import Centre

    if is_demo_database():
        return  # the demo's own cases, and any journey a user took through the demo
    applications, centres = Application.objects.count(), Centre.objects.count()
    if applications or centres:
        raise ForeignCases(
            f"该数据库已有{applications}件筹建申请、{centres}个中心，且不是演示数据库："
            "演示数据（公开的密码和动态口令密钥）不能载入含有真实办件的数据库。请换用空数据库。"
        )


def run_all(write: Callable[[str], None]) -> None:
    refuse_foreign_cases()
    progress = Progress(write)
    for number, module_name in enumerate(STEPS, start=1):
        progress.step(f"({number}/{len(STEPS)}) {module_name}")
        importlib.import_module(module_name).run(progress)
