"""Checks that the hashed dependency locks (requirements/*.lock, written by `make lock`) still match
pyproject.toml, and runs pip-audit over them. `python -m portal.lockcheck LOCK...`; `--audit` to audit.

A lock matches when every requirement of pyproject.toml (with the dev extra for a lock resolved with it) is
pinned there at a version its specifier allows, every pin carries a hash, and no pin is there only because
pyproject.toml once asked for it."""

import argparse
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT_VIA = "tianjin-metrology-portal (pyproject.toml)"
EXCEPTIONS = ROOT / "requirements" / "audit-exceptions.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def read_lock(path: Path) -> tuple[dict[str, str], set[str], set[str], bool]:
    """(name → pinned version, names pinned without a hash, names pinned for pyproject.toml, has dev extra)."""
    pins, unhashed, direct = {}, set(), set()
    current = None
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            pins[current] = match[2]
            unhashed.add(current)
        elif current and line.strip().startswith("--hash="):
            unhashed.discard(current)
        elif current and line.strip().lstrip("#").strip().removeprefix("via ").strip() == PROJECT_VIA:
            direct.add(current)
    return pins, unhashed, direct, "--extra=dev" in text


def requirements(dev: bool, pyproject: Path = ROOT / "pyproject.toml") -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    if dev:
        specs += project["optional-dependencies"]["dev"]
    reqs = [Requirement(spec) for spec in specs]
    return [r for r in reqs if r.marker is None or r.marker.evaluate()]


def problems(path: Path, pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    pins, unhashed, direct, dev = read_lock(path)
    found = [f"{name} is pinned without a hash" for name in sorted(unhashed)]
    wanted = set()
    for req in requirements(dev, pyproject):
        name = canonicalize_name(req.name)
        wanted.add(name)
        if name not in pins:
            found.append(f"{req} is in pyproject.toml but not pinned")
        elif not req.specifier.contains(pins[name], prereleases=True):
            found.append(f"{name}=={pins[name]} does not satisfy {req}")
    found += [
        f"{name} is pinned for pyproject.toml, which no longer asks for it"
        for name in sorted(direct - wanted)
    ]
    return found


def accepted_exceptions() -> list[str]:
    """Vulnerability ids accepted after review, one per line: `ID  # reason, who, until when`."""
    if not EXCEPTIONS.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in EXCEPTIONS.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def vulnerability_service_answers(lock: Path) -> bool:
    """pip-audit's default service is PyPI's JSON API, asked per pinned release; a package index alone does
    not serve it."""
    pins = read_lock(lock)[0]
    name = "django" if "django" in pins else next(iter(pins))
    try:
        with urllib.request.urlopen(
            f"https://pypi.org/pypi/{name}/{pins[name]}/json", timeout=10
        ) as response:
            return response.status == 200
    except (urllib.error.URLError, TimeoutError, OSError):
        return False


def audit(locks: list[Path]) -> int:
    if not vulnerability_service_answers(locks[0]):
        print(
            "pip-audit NOT RUN: the vulnerability service (PyPI's JSON API) does not answer from this machine."
        )
        return 0
    ignores = [arg for vuln in accepted_exceptions() for arg in ("--ignore-vuln", vuln)]
    status = 0
    for lock in locks:
        command = [sys.executable, "-m", "pip_audit", "--strict", "--require-hashes", "--disable-pip"]
        command += ["--progress-spinner", "off", "-r", str(lock), *ignores]
        print("$", " ".join(command), flush=True)
        status = status or subprocess.call(command)
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locks", nargs="+", type=Path)
    parser.add_argument("--audit", action="store_true", help="run pip-audit over the locks")
    args = parser.parse_args(argv)
    if args.audit:
        return audit(args.locks)
    status = 0
    for lock in args.locks:
        found = problems(lock)
        for problem in found:
            print(f"{lock}: {problem}")
        status = status or bool(found)
    if status:
        print("The lock is out of date with pyproject.toml: run `make lock` and commit requirements/.")
    else:
        print("locks match pyproject.toml:", ", ".join(str(lock) for lock in args.locks))
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
