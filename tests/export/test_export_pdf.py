"""Every kind of Word export renders through LibreOffice (CI installs libreoffice-writer-nogui)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from essayplan.export import export_plan
from rendering import needs_soffice, renders
from samples import ADVICE, full_plan, stalin_pack, user_template

pytestmark = needs_soffice


def _empty_plan(pack):
    from essayplan.ops import new_plan

    return new_plan(pack)


KINDS = {
    "full": lambda pack, tmp: dict(plan=full_plan(pack)),
    "no-appendix": lambda pack, tmp: dict(plan=full_plan(pack), appendix=False),
    "peal": lambda pack, tmp: dict(plan=replace(full_plan(pack), template="peal")),
    "empty": lambda pack, tmp: dict(plan=_empty_plan(pack)),
    "school-docx": lambda pack, tmp: dict(plan=full_plan(pack), template=user_template(tmp / "school.docx")),
    "school-dotx": lambda pack, tmp: dict(plan=full_plan(pack), template=user_template(tmp / "school.dotx", dotx=True)),
}


def _register(kind: str) -> None:
    @renders(f"kind-{kind}")
    def write(out: Path) -> None:
        pack = stalin_pack()
        options = KINDS[kind](pack, out.parent)  # a school template is written beside it
        export_plan(options.pop("plan"), pack, out, author="Sam", advice=ADVICE, **options)


for _kind in KINDS:
    _register(_kind)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_export_converts_to_pdf(kind, rendered):
    pdf = rendered[f"kind-{kind}"]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "Ranking" in text and "Conclusion" in text
