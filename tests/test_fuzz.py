"""Fuzzing in the test suite: hypothesis drives parse, policy loading and ``apply``.

The promise checked: hostile input yields a result or an error of the project's own tree
(:class:`redactor.errors.RedactorError`), never another exception, and a failed ``apply``
leaves no output file. Kept to a few seconds; the long runs are atheris's (``make fuzz``,
``fuzz/``).
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor import parse
from redactor.cli import main
from redactor.errors import RedactorError
from redactor.policy import parse_policy
from tests.conftest import EXAMPLES, ROOT

FAST = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEED = (EXAMPLES / "06DAMASCUS728.txt").read_text(encoding="utf-8")
FOIA = str(ROOT / "policies" / "foia-release.yaml")

# Characters that matter to the parser: marks, numbers, pilcrows, line breaks of every
# kind, look-alikes and invisibles, plus anything else hypothesis likes.
NASTY = "()¶.,:/ \t\n\r\x0b\x0c\u2028\u00a0\u200b\ufeff\uff08\uff09\u0421\u0405SCUTNF1234"
nasty_text = st.text(alphabet=st.sampled_from(list(NASTY)) | st.characters(), max_size=400)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """The seed cable with a few slices replaced by nasty text: close to real structure."""
    text = SEED
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 80)))
        text = text[:start] + draw(nasty_text) + text[end:]
    return text


@FAST
@given(st.one_of(nasty_text, mutated_seed()))
def test_fuzz_parse_never_crashes_and_partitions(text: str) -> None:
    """parse: a Document whose parts rebuild the text, or a RedactorError (NUL)."""
    try:
        doc = parse(text, source="fuzz")
    except RedactorError:
        assert "\x00" in text
        return
    assert "".join(text[p.start : p.end] for p in doc.parts) == text


policy_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
policy_keys = st.sampled_from(
    ["version", "name", "unmarked", "rules", "terms", "output", "header", "as_of", "x"]
)


@FAST
@given(
    st.one_of(
        st.text(max_size=300),
        st.dictionaries(policy_keys, policy_values).map(yaml.safe_dump),
        st.builds(
            lambda rules, terms: yaml.safe_dump(
                {"version": 1, "name": "f", "unmarked": "inherit", "rules": rules, "terms": terms}
            ),
            policy_values,
            policy_values,
        ),
    )
)
def test_fuzz_policy_loading_only_raises_policy_errors(text: str) -> None:
    """parse_policy: a Policy or a PolicyError (a RedactorError), whatever the YAML."""
    with contextlib.suppress(RedactorError):
        parse_policy(text, source="fuzz.yaml")


@settings(FAST, max_examples=25)
@given(
    st.one_of(
        mutated_seed().map(lambda t: t.encode("utf-8")),
        st.binary(max_size=200),
        nasty_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    st.sampled_from(["text", "pdf"]),
)
def test_fuzz_apply_output_only_on_success(data: bytes, fmt: str) -> None:
    """redactor apply: exit 0 with the output written, or exit 2 and no file at all."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder, "in.txt"), Path(folder, "out", "release")
        source.write_bytes(data)
        out.parent.mkdir()
        args = ["apply", "-p", FOIA, "--as-of", "2010-01-01", "--format", fmt, "-o", str(out)]
        result = CliRunner().invoke(main, [*args, str(source)])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        if result.exit_code == 0:
            assert out.stat().st_size > 0
        else:
            assert result.exit_code in (2, 3), result.stderr
            assert not out.exists()
        assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []
