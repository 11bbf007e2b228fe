"""Issue 11: the import contracts of pyproject.toml hold — no import circles between the modules of a
package or between apps, every service depends downward, accounts on no service. `make lint` runs the same
check as `lint-imports`."""

from importlinter import cli


def test_import_contracts_are_kept():
    assert cli.lint_imports(config_filename="pyproject.toml", no_cache=True) == cli.EXIT_STATUS_SUCCESS
