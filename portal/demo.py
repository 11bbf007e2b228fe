"""The demo content loader's steps, in order. Each module has `run(progress)` and is idempotent:
running the loader twice leaves the same data as running it once."""

import importlib
from collections.abc import Callable

# Each app that ships demo data adds its module here.
STEPS = [
    "cms_pages.demo",
    "accounts.demo",
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


def run_all(write: Callable[[str], None]) -> None:
    progress = Progress(write)
    for number, module_name in enumerate(STEPS, start=1):
        progress.step(f"({number}/{len(STEPS)}) {module_name}")
        importlib.import_module(module_name).run(progress)
