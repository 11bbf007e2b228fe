"""Issue 11 (8): docs/architecture.md stays true — its rule map is the one the code gives, every rule of
the rulebook is decided somewhere, and the app layers it describes are the import contract's."""

import tomllib
from pathlib import Path

import pytest

from tests.portal import rule_map

RULEBOOK = Path("/work/shared/domain/rules.md")


def test_the_rule_map_in_the_guide_is_the_one_the_code_gives():
    text = rule_map.DOC.read_text(encoding="utf-8")
    expected = rule_map.render(rule_map.rule_map())
    assert rule_map.current_block(text) == expected, (
        "docs/architecture.md is out of date: run `.venv/bin/python -m tests.portal.rule_map`"
    )


def test_every_rule_of_the_rulebook_is_decided_somewhere():
    if not RULEBOOK.exists():
        pytest.skip(f"the rulebook is not on this machine ({RULEBOOK})")
    import re

    rules = set(re.findall(r"^- (R-\d\d)\b", RULEBOOK.read_text(encoding="utf-8"), re.M))
    assert rules and rules - set(rule_map.rule_map()) == set()


def test_the_guide_names_the_layers_of_the_import_contract():
    config = tomllib.loads((rule_map.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "services-downward")
    guide = rule_map.DOC.read_text(encoding="utf-8")
    table = [line for line in guide.splitlines() if line.startswith("| ") and line[2].isdigit()]
    for layer, row in zip(contract["layers"], table, strict=True):
        apps = [app.strip() for app in layer.split("|")]
        assert all(f"`{app}`" in row for app in apps), (layer, row)
