"""The hashed dependency locks match pyproject.toml, and the check that says so fails when they do not."""

import shutil

from portal import lockcheck

LOCKS = [lockcheck.ROOT / "requirements" / "dev.lock", lockcheck.ROOT / "requirements" / "production.lock"]


def test_both_locks_match_pyproject():
    for lock in LOCKS:
        assert lockcheck.problems(lock) == [], lock


def test_the_dev_lock_holds_the_dev_tools_and_the_production_lock_does_not():
    dev, production = (lockcheck.read_lock(lock)[0] for lock in LOCKS)
    assert {"pytest", "pip-tools", "pip-audit"} <= dev.keys()
    assert "pytest" not in production and "django" in production


def test_a_new_requirement_in_pyproject_makes_the_lock_stale(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    text = (lockcheck.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace('"Django>=5.2,<5.3",', '"Django>=5.2,<5.3",\n    "absent-package-for-the-test>=1,<2",')
    )
    assert lockcheck.problems(LOCKS[1], pyproject) == [
        "absent-package-for-the-test<2,>=1 is in pyproject.toml but not pinned"
    ]


def test_a_narrowed_range_and_a_removed_requirement_are_both_named(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    text = (lockcheck.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text = text.replace('"Django>=5.2,<5.3",', '"Django>=6,<7",').replace('    "tqdm>=4.66,<5",\n', "")
    pyproject.write_text(text)
    found = lockcheck.problems(LOCKS[1], pyproject)
    pinned = lockcheck.read_lock(LOCKS[1])[0]["django"]
    assert f"django=={pinned} does not satisfy Django<7,>=6" in found
    assert "tqdm is pinned for pyproject.toml, which no longer asks for it" in found


def test_a_pin_without_a_hash_is_refused(tmp_path):
    lock = tmp_path / "production.lock"
    shutil.copy(LOCKS[1], lock)
    lines = lock.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("tqdm=="))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip().startswith("--hash"))
    lines[start:end] = [lines[start].rstrip(" \\")]
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lockcheck.problems(lock) == ["tqdm is pinned without a hash"]


def test_accepted_audit_exceptions_are_read_without_their_comments(tmp_path, monkeypatch):
    exceptions = tmp_path / "audit-exceptions.txt"
    exceptions.write_text("# header\nPYSEC-2099-1  # not reachable here, reviewed\n\nGHSA-xxxx-yyyy-zzzz\n")
    monkeypatch.setattr(lockcheck, "EXCEPTIONS", exceptions)
    assert lockcheck.accepted_exceptions() == ["PYSEC-2099-1", "GHSA-xxxx-yyyy-zzzz"]
