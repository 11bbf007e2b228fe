"""axe-core, installed from npm by the project's own files (package.json; `make install` runs `npm ci`),
injected into a Playwright page to check it against WCAG 2.1 A and AA."""

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def axe_violations(page):
    """Every axe violation on the page as it stands now, as axe reports them."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `make install` (npm ci) first")
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern (an
    # injected <script> element would be refused by it, as it should be).
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return result["violations"]


def assert_no_serious_axe(page, state=""):
    """Fail with a readable list when axe finds any serious or critical violation on the page."""
    blocking = [v for v in axe_violations(page) if v.get("impact") in BLOCKING]
    lines = [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:5]}" for v in blocking
    ]
    assert not blocking, f"axe on {state or page.url}:\n" + "\n".join(lines)
