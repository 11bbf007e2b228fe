"""The README documents every environment variable the settings read, and its sections exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(
    r'(?:os\.environ\.get|env_bool|env_int|env_list|env_networks|env_required)\(\s*"([A-Z][A-Z0-9_]+)"'
)


def test_every_environment_variable_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {match for match in re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", readme, re.M)}
    read = set()
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        read |= set(READ.findall(path.read_text(encoding="utf-8")))
    assert read, "no variables found: the pattern is wrong"
    assert read - table == set(), f"variables missing from the README table: {sorted(read - table)}"


def test_readme_has_the_two_commands_and_the_demo_accounts_heading():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "## 演示账户" in readme
    assert (ROOT / "docs" / "decisions" / "0001-project-layout.md").exists()
    assert (ROOT / "docs" / "decisions" / "0002-chinese-source-strings.md").exists()
