"""The docs say what the code does: generated references are current, examples validate,
links resolve, and the README's Python runs."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import redactor
from tests.conftest import ROOT

DOCS = ROOT / "docs"
REGENERATE = "python docs/gen_reference.py"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


@pytest.mark.parametrize("path", sorted(GEN.generated()), ids=lambda p: p.name)
def test_generated_reference_is_current(path: Path) -> None:
    """docs/policy.md (policy keys), docs/cli.md and docs/api.md match the code."""
    expected = GEN.generated()[path]
    assert path.read_text(encoding="utf-8") == expected, (
        f"docs/{path.name} is stale: regenerate with {REGENERATE}"
    )


def test_generator_check_command() -> None:
    done = subprocess.run(
        [sys.executable, str(DOCS / "gen_reference.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_generator_reports_a_stale_block(tmp_path: Path) -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    stale = text.replace("## `redactor apply`", "## `redactor apply` (edited by hand)")
    assert GEN.splice(stale, "cli", GEN.cli_reference()) == text
    with pytest.raises(SystemExit, match="no generated block 'api'"):
        GEN.splice(text, "api", "")


def test_every_policy_key_has_a_validated_example() -> None:
    """The generator refuses a key without an example and validates each one; the
    reference names every key of the schema."""
    reference = GEN.policy_reference()
    schema = redactor.policy.policy_schema()
    for node in [schema, *schema["$defs"].values()]:
        for key in node.get("properties", {}):
            assert f"| `{key}` |" in reference, key


def test_cli_reference_names_every_command() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in ("apply", "batch", "explain", "inspect", "policy check", "preview"):
        assert f"## `redactor {command}`" in reference


def _yaml_blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


POLICY_BLOCKS = [
    pytest.param(block, id=f"{path.name}-{i}")
    for path in PAGES
    for i, block in enumerate(_yaml_blocks(path))
    if block.startswith("version: 1")
]


@pytest.mark.parametrize("block", POLICY_BLOCKS)
def test_policy_examples_in_the_docs_are_valid(block: str) -> None:
    """A whole policy shown in the README or docs passes `redactor policy check`."""
    redactor.parse_policy(block, source="doc")


PENDING: set[str] = set()  # link targets still being written (none now)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_local_links_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    missing = []
    for target in LINK.findall(text):
        if "://" in target or target.startswith("mailto:"):
            continue
        resolved = (page.parent / target).resolve()
        outside = not resolved.is_relative_to(ROOT)  # ../shared: may be absent
        if not resolved.exists() and not outside and target not in PENDING:
            missing.append(target)
    assert not missing, f"{page.name}: broken links {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    """The set-up contract: the README's first block is `make demo` and `make test`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```\w*\n(.*?)```", text, re.S)
    assert first is not None
    commands = [line.split("#")[0].strip() for line in first.group(1).splitlines()]
    assert commands == ["make demo", "make test"]
    assert text.index("make demo") < 300


def test_readme_python_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's Python block runs as written, from the repository root."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README
    assert "RELEASE IN PART" in capsys.readouterr().out


TEST_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_named_tests_exist(page: Path) -> None:
    """A guarantee in the docs names the test that checks it: that test must exist, so a
    renamed or deleted test cannot leave a guarantee pointing at nothing."""
    import ast  # noqa: PLC0415

    missing = []
    for path, name in set(TEST_REFERENCE.findall(page.read_text(encoding="utf-8"))):
        file = ROOT / path
        if not file.exists():
            missing.append(path)
        elif name and name not in {
            node.name
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.ClassDef)
        }:
            missing.append(f"{path}::{name}")
    assert not missing, f"{page.name} names tests that do not exist: {sorted(missing)}"
