"""Where each rule of the rulebook (R-xx) is enforced: the modules that cite it and decide something —
rules, state machines, actions, querysets and permissions, the casework and deadline engines, the
notification and reminder services. docs/architecture.md carries this map between two markers; the test
(tests/portal/test_architecture.py) fails when the code and the map differ.

Regenerate the map after adding or moving a rule's code: ``.venv/bin/python -m tests.portal.rule_map``.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
SOURCES = ("accounts", "cms_pages", "portal", "search", "services")
# a module decides something when its own name or a package it is in is one of these
DECIDING = {
    "actions",
    "api_auth",
    "centre_access",
    "clock",
    "conflicts",
    "drafting",
    "events",
    "middleware",
    "permissions",
    "publication",
    "querysets",
    "registration",
    "reminders",
    "rules",
    "service",
    "sources",
    "transitions",
    "two_factor",
}
START, END = "<!-- rule-map:start -->", "<!-- rule-map:end -->"
RULE = re.compile(r"\bR-(\d\d)\b")


def rule_map() -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for source in SOURCES:
        for path in sorted((ROOT / source).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or not DECIDING & set(parts):
                continue
            module = ".".join(parts).removesuffix(".__init__")
            for number in set(RULE.findall(path.read_text(encoding="utf-8"))):
                found.setdefault(f"R-{number}", set()).add(module)
    return {rule: sorted(modules) for rule, modules in sorted(found.items())}


def render(mapping: dict[str, list[str]]) -> str:
    rows = ["| rule | where it is decided |", "|---|---|"]
    rows += [f"| {rule} | {', '.join(f'`{m}`' for m in modules)} |" for rule, modules in mapping.items()]
    return "\n".join([START, *rows, END])


def current_block(text: str) -> str:
    return text[text.index(START) : text.index(END) + len(END)]


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text.replace(current_block(text), render(rule_map())), encoding="utf-8")


if __name__ == "__main__":
    main()
