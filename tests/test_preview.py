"""The reviewer's preview: `render_preview` and `redactor preview`, checked in the HTML
source and, for what a browser makes of it, in headless Chromium."""

from __future__ import annotations

import collections
import dataclasses
import datetime
import html.parser
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import redactor
from redactor.audit import audit_record
from redactor.cli import main
from redactor.errors import UsageError
from redactor.preview import WATERMARK, render_preview
from redactor.preview_cli import RELEASE_MARKERS, release_folder
from tests.conftest import EXAMPLES, ROOT, read_text

SEED = EXAMPLES / "06DAMASCUS728.txt"
POLICIES = ROOT / "policies"
FOIA = POLICIES / "foia-release.yaml"

# A cable whose text attacks the page: markup in the subject, a paragraph, a released
# paragraph and the classifier's name (a cut term), an attribute break-out, a closing
# </pre>, an entity, and a right-to-left override.
HOSTILE = """\
C O N F I D E N T I A L ANYTOWN 000123

E.O. 12958: DECL: 02/26/2016
TAGS: PREL

SUBJECT: (U) <script>alert('subject')</script> & friends

Classified By: Ambassador <b onmouseover="x()">Jane Q. Roe</b> for reasons 1.4 b/d

1. (C) Met "><img src=x onerror=alert(1)> at </pre><script>alert(2)</script> today.

2. (U) Released: <iframe src="http://evil.invalid/"></iframe> &amp; \u202eevil\u202c done.

ROE
"""


class _Dom(html.parser.HTMLParser):
    """Elements by tag and class, the text of ``pre.doc``, and every element's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, frozenset[str], dict[str, str]]] = []
        self.doc_text: list[str] = []
        self._depth = 0  # > 0 inside pre.doc

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = frozenset(values.get("class", "").split())
        self.elements.append((tag, classes, values))
        if self._depth:
            self._depth += 1
        elif tag == "pre" and "doc" in classes:
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.doc_text.append(data)

    def count(self, tag: str, *classes: str) -> int:
        return sum(1 for t, c, _ in self.elements if t == tag and c.issuperset(classes))

    def cuts(self) -> int:
        """Cuts, not pieces: a cut split at a unit boundary is one cut."""
        return len({a["data-cut"] for t, c, a in self.elements if t == "mark" and "cut" in c})


def dom(page: str) -> _Dom:
    parser = _Dom()
    parser.feed(page)
    parser.close()
    return parser


def preview(text: str, policy: str | Path = FOIA, as_of: str = "2010-01-01") -> tuple[str, dict]:
    document = redactor.parse(text, source="cable.txt")
    released = redactor.redact(
        document, redactor.load_policy(policy), as_of=datetime.date.fromisoformat(as_of)
    )
    return render_preview(document, released), audit_record(released)


def assert_counts(page: _Dom, record: dict) -> None:
    counts = record["counts"]
    assert page.count("span", "unit", "withhold") == counts["withheld"]
    assert page.count("span", "unit", "release") == counts["released"]
    assert page.cuts() == counts["cuts"]
    assert page.count("tr", "withhold") + page.count("tr", "release") == counts["units"]


CASES = [
    ("06DAMASCUS728.txt", "foia-release", "2010-01-01"),  # everything withheld, two cuts
    ("06DAMASCUS728.txt", "foia-release", "2026-11-28"),  # everything released, two cuts
    ("06DAMASCUS728.txt", "public-web", "2026-11-28"),  # routing dropped, banner cancelled
    ("06DAMASCUS728.txt", "harm-minimization", "2010-01-01"),  # nothing cut
    ("memo-secret-noforn.txt", "partner-gbr", "2026-11-28"),  # mixed decisions
    ("memo-confidential.txt", "declassified-only", "2026-11-28"),
]


@pytest.mark.parametrize(("name", "policy", "as_of"), CASES)
def test_preview_highlights_match_the_audit(name: str, policy: str, as_of: str) -> None:
    """One highlight per decision and per cut, of the kind the audit records."""
    text = read_text(EXAMPLES / name)
    page, record = preview(text, POLICIES / f"{policy}.yaml", as_of)
    parsed = dom(page)
    assert_counts(parsed, record)
    # The document panel holds the original exactly (the parser drops the first newline).
    assert "".join(parsed.doc_text) == "\n" + text


def test_preview_marks_dropped_routing_and_cancelled_banner() -> None:
    page, _ = preview(read_text(SEED), POLICIES / "public-web.yaml", "2026-11-28")
    parsed = dom(page)
    assert parsed.count("span", "dropped") == 1
    assert parsed.count("span", "cancelled") == 1


def test_preview_is_deterministic() -> None:
    text = read_text(SEED)
    assert preview(text)[0] == preview(text)[0]


def test_preview_is_self_contained_and_watermarked() -> None:
    page, _ = preview(read_text(SEED))
    lowered = page.lower()
    for needle in ("http:", "https:", "url(", "@import", "<link", "<script", "src=", "<img"):
        assert needle not in lowered, needle
    assert page.count(WATERMARK) >= 4  # title, watermark, bar, footer
    assert 'class="watermark"' in page
    assert "redactor batch</code> never writes it" in page


def test_preview_escapes_hostile_text() -> None:
    """Document text is shown as text: no element, attribute or entity of its own."""
    page, record = preview(HOSTILE, as_of="2010-01-01")
    parsed = dom(page)
    tags = {tag for tag, _, _ in parsed.elements}
    assert tags.isdisjoint({"script", "img", "iframe", "b"}), tags
    assert not any("onerror" in a or "onmouseover" in a for _, _, a in parsed.elements)
    assert "&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt;" in page
    assert "".join(parsed.doc_text) == "\n" + HOSTILE  # &amp; stays the five characters
    assert_counts(parsed, record)
    assert record["counts"]["cuts"] >= 2  # the name in Classified By and the sign-off


def test_preview_splits_a_cut_across_a_unit_boundary(tmp_path: Path) -> None:
    """A cut that runs from header material into a released unit is one cut, two pieces,
    and one label."""
    policy = tmp_path / "span.yaml"
    policy.write_text(
        "version: 1\nname: span\nunmarked: inherit\n"
        "rules: [{id: all, action: release}]\n"
        "terms: [{id: across, patterns: ['b/d\\s+¶1\\. \\(C\\) Russian'], exemptions: [B6]}]\n",
        encoding="utf-8",
    )
    page, record = preview(read_text(SEED), policy, "2026-11-28")
    parsed = dom(page)
    assert record["counts"]["cuts"] == 1
    assert parsed.count("mark", "cut") == 2
    assert parsed.cuts() == 1
    labelled = [a for t, c, a in parsed.elements if t == "mark" and "data-label" in a]
    assert len(labelled) == 1


def test_preview_of_an_empty_document_and_warnings() -> None:
    page, record = preview("")
    assert "No unit of content." in page
    assert "No term was cut." in page
    assert record["counts"]["units"] == 0
    page, _ = preview("hello\n")  # no banner: the parser warns, the page says so
    assert "Parser warnings" in page
    assert "no_banner" in page


def test_preview_refuses_a_release_of_another_document() -> None:
    text = read_text(SEED)
    document = redactor.parse(text, source="cable.txt")
    released = redactor.redact(
        document, redactor.load_policy(FOIA), as_of=datetime.date(2010, 1, 1)
    )
    other = redactor.parse(text[:400], source="cable.txt")
    with pytest.raises(UsageError, match="does not fit this document: a decision"):
        render_preview(other, released)
    with pytest.raises(UsageError, match="is not of this document"):
        render_preview(redactor.parse(text, source="other.txt"), released)
    shuffled = dataclasses.replace(released, cuts=released.cuts[::-1])
    with pytest.raises(UsageError, match="a cut at offsets"):
        render_preview(document, shuffled)


# ---------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def test_preview_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    code, err = run("preview", "-p", str(FOIA), "--as-of", "2010-01-01", str(SEED), "-o", str(out))
    assert code == 0, err
    assert f"{WATERMARK} (3 withheld, 0 released, 2 cut)" in err
    first = out.read_bytes()
    code, _ = run("preview", "-p", str(FOIA), "--as-of", "2010-01-01", str(SEED), "-o", str(out))
    assert code == 0
    assert out.read_bytes() == first  # same input, same bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.html"]  # no temp left


@pytest.mark.parametrize("marker", RELEASE_MARKERS)
@pytest.mark.parametrize("nested", [False, True], ids=["in", "below"])
def test_preview_command_refuses_a_release_folder(
    tmp_path: Path, marker: str, nested: bool
) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / marker).write_bytes(b"")
    folder = releases / "review" if nested else releases
    folder.mkdir(exist_ok=True)
    out = folder / "review.html"
    code, err = run("preview", "-p", str(FOIA), "--as-of", "2010-01-01", str(SEED), "-o", str(out))
    assert code == 2
    assert f"holds a batch release ({marker})" in err
    assert not out.exists()
    assert release_folder(out) == (releases, marker)


def test_preview_command_needs_an_output_and_readable_input(tmp_path: Path) -> None:
    code, err = run("preview", "-p", str(FOIA), str(SEED))
    assert code == 2
    assert "-o" in err
    code, err = run("preview", "-p", str(FOIA), str(tmp_path / "none.txt"), "-o", "x.html")
    assert code == 2
    assert "cannot read" in err


def test_release_folder_is_none_elsewhere(tmp_path: Path) -> None:
    assert release_folder(tmp_path / "review.html") is None


# ---------------------------------------------------------------------------------------
# In a browser
# ---------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, installed when missing (a package install); skip only if that
    fails, e.g. without root or without a package mirror."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            pytest.skip("chromium is not installed and cannot be installed here")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
            done = subprocess.run(install, capture_output=True, timeout=600, env=env, check=False)
            if done.returncode != 0:  # a stale package list: refresh it once and retry
                subprocess.run(["apt-get", "update"], capture_output=True, timeout=300, check=False)
                subprocess.run(install, capture_output=True, timeout=600, env=env, check=False)
        except subprocess.TimeoutExpired:
            pytest.skip("installing chromium timed out")
        if not CHROMIUM.exists():
            pytest.skip("chromium could not be installed")
    return CHROMIUM


def headless(browser: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run chromium headless, offline in all but name: no sync, updates or prefetching."""
    command = [
        str(browser),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=60, check=True)


def test_chromium_dom_matches_the_audit(chromium: Path, tmp_path: Path) -> None:
    """After the browser has parsed the page, its highlights still count as the audit."""
    for name, text in (("seed", read_text(SEED)), ("hostile", HOSTILE)):
        page, record = preview(text)
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        done = headless(chromium, tmp_path / "profile", "--dump-dom", path.as_uri())
        loaded = dom(done.stdout.decode("utf-8"))
        assert_counts(loaded, record)
        tags = collections.Counter(tag for tag, _, _ in loaded.elements)
        assert tags["script"] == tags["img"] == tags["iframe"] == 0, name


def test_chromium_screenshot(chromium: Path, tmp_path: Path) -> None:
    """The page renders: a full-size, non-blank screenshot (look at it when the style
    changes: keep the watermark and the warning bar visible)."""
    path = tmp_path / "review.html"
    path.write_text(preview(read_text(SEED))[0], encoding="utf-8")
    shot = tmp_path / "review.png"
    headless(
        chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,1600",
        path.as_uri(),
    )  # fmt: skip
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000  # a rendered page, not a blank one
