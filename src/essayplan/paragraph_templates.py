"""Paragraph templates: what a plan's parts are called, with hints and sentence starters.

A template is a TOML file in `templates/` (PEEL, PEAL). Its keys are the
plan's own field names — the third part is `explain` even when PEAL labels
it "Analyse" — so switching template changes words, never the plan.
Starters are offered to the student, never put into the plan unasked.
"""

from __future__ import annotations

from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

from essayplan import paths
from essayplan.errors import UserError
from essayplan.parsecache import read_toml_cached
from essayplan.tomlcheck import Checker

# The parts of a plan a template names, in the order a student meets them.
PARTS = ("introduction", "criteria", "point", "evidence", "explain", "link", "counter", "conclusion")
DEFAULT = "peel"
_TOP = ("id", "name", "description", "labels", "hints", "starters")


class ParagraphTemplate(NamedTuple):
    id: str
    name: str
    description: str
    labels: dict[str, str]
    hints: dict[str, str]
    starters: dict[str, tuple[str, ...]]

    def label(self, part: str) -> str:
        return self.labels.get(part) or part.capitalize()

    def hint(self, part: str) -> str:
        return self.hints.get(part, "")

    def starters_for(self, part: str) -> tuple[str, ...]:
        return self.starters.get(part, ())


def _table(check: Checker, data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        check.problem(key, "expected a table")
        return {}
    check.unknown(value, key, PARTS)
    return value


def _parse(data: dict, path: Path) -> ParagraphTemplate:
    check = Checker(path)
    check.unknown(data, "", _TOP)
    template_id = check.ident(data, "")
    name = check.text(data, "", "name", required=True, nonempty=True)
    description = check.text(data, "", "description")
    labels_table = _table(check, data, "labels")
    labels = {part: check.text(labels_table, "labels", part, required=True, nonempty=True) for part in PARTS}
    hints_table = _table(check, data, "hints")
    hints = {part: check.text(hints_table, "hints", part) for part in PARTS if part in hints_table}
    starters_table = _table(check, data, "starters")
    starters = {part: check.strings(starters_table, "starters", part) for part in PARTS if part in starters_table}
    check.raise_if_any()
    return ParagraphTemplate(template_id, name, description, labels, hints, starters)


def load_templates(folder: Path | None = None) -> dict[str, ParagraphTemplate]:
    """Every paragraph template in a folder (the bundled one by default), by id.

    Only TOML files with `id` and `labels` are templates; other files are
    ignored. A broken template raises UserError naming the file and field.
    """
    folder = paths.bundled_templates() if folder is None else Path(folder)
    found: dict[str, ParagraphTemplate] = {}
    where: dict[str, Path] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = read_toml_cached(path, "paragraph template")
            if "id" not in data or "labels" not in data:
                continue
            template = _parse(data, path)
        except UserError as error:
            problems += error.problems
            continue
        if template.id in found:
            problems.append(f"{path}: id: {template.id!r} is already used by {where[template.id]}")
            continue
        found[template.id] = template
        where[template.id] = path
    if problems:
        raise UserError(*problems)
    return found


@lru_cache(maxsize=1)
def _bundled() -> dict[str, ParagraphTemplate]:
    return load_templates()


def get_template(template_id: str) -> ParagraphTemplate:
    """The bundled template with this id; PEEL for an id we do not know."""
    templates = _bundled()
    template = templates.get(template_id) or templates.get(DEFAULT)
    if template is None:
        raise UserError(f"{paths.bundled_templates()}: no {DEFAULT}.toml paragraph template (reinstall essayplan)")
    return template
