"""Issue 11: the import contracts of pyproject.toml hold — no import circles between the modules of a
package or between apps, every service depends downward, accounts on no service. `make lint` runs the same
check as `lint-imports`.

It runs in a process of its own: import-linter configures logging when it runs, which would switch off the
loggers of the test process (and so the log assertions of later tests)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.argv=['lint-imports', '--no-cache']; lint_imports_command()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout
