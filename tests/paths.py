"""Where the tests find things: one place instead of `Path(__file__).parents[n]` in every file."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"  # the project's shared folder (seed cards), beside the checkout
FACTORS = REPO / "factors"
BUNDLED_PACK = FACTORS / "stalin-rise.toml"
TEMPLATES = REPO / "templates"
PACKAGE = REPO / "src" / "essayplan"

DATA = TESTS / "data"
ADVICE_CORPUS = DATA / "advice_corpus"
BROKEN = DATA / "broken"
CARDS = DATA / "cards"
CORPUS = DATA / "corpus"
HOSTILE = DATA / "hostile"
ESSAYS = DATA / "essays"  # what the real-terminal essays must save, exactly
