"""Regular expressions compiled on first use (essayplan.lazyre): same matches, compiled once,
and none compiled by importing the modules `essayplan export` and the advice load."""

from __future__ import annotations

import re
import subprocess
import sys

from essayplan.lazyre import Lazy


def test_a_lazy_pattern_matches_as_the_compiled_one_does():
    text = "In 1924–29 Stalin RATHER than Trotsky; and 1917."
    for pattern, flags in ((r"\b(1\d{3})\b", 0), (r"rather\s+than", re.IGNORECASE), (r"[;.]\s*", 0)):
        lazy, compiled = Lazy(pattern, flags), re.compile(pattern, flags)
        assert lazy.pattern == compiled.pattern
        assert repr(lazy.search(text)) == repr(compiled.search(text))
        assert repr(lazy.match(text)) == repr(compiled.match(text))
        assert repr(lazy.fullmatch(text)) == repr(compiled.fullmatch(text))
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert lazy.findall(text) == compiled.findall(text)
        assert lazy.sub("#", text) == compiled.sub("#", text)
        assert lazy.split(text, maxsplit=1) == compiled.split(text, maxsplit=1)


def test_a_lazy_pattern_compiles_on_first_use_only(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *args: calls.append(args) or real(*args))
    lazy = Lazy(r"x+y", re.IGNORECASE)
    assert calls == []  # not at definition
    assert lazy.search("aXXy").group() == "XXy"
    assert lazy.search("xy") and lazy.sub("-", "xy") == "-"
    assert calls == [(r"x+y", re.IGNORECASE)]  # once; each method is kept on the instance after


def test_a_missing_name_is_an_attribute_error():
    try:
        Lazy("a").no_such_method  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("expected AttributeError")


# Run in a fresh interpreter: in this one the modules are imported (and used) already.
PROBE = """
import re._compiler as rc, sys
ours = []
real = rc.compile
def spy(pattern, flags=0):
    caller = sys._getframe(1)
    while caller and "/re/" in caller.f_code.co_filename.replace("\\\\", "/"):
        caller = caller.f_back
    if caller and "essayplan" in caller.f_code.co_filename:
        ours.append(pattern)
    return real(pattern, flags)
rc.compile = spy
import essayplan.cli, essayplan.checking, essayplan.export, essayplan.export.content
import essayplan.advice, essayplan.advice_rules, essayplan.advice_structure, essayplan.advice_text
import essayplan.question, essayplan.packs, essayplan.plans, essayplan.tomlcheck, essayplan.safetext
print(sorted(set(ours)))
"""


def test_importing_the_export_and_advice_modules_compiles_none_of_their_patterns(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    # Not even CaseBlind's check that a pattern is in lower case: each is its own lower case already.
    assert result.stdout.strip() == repr([])
