"""Every kind of Word export renders through LibreOffice (CI installs libreoffice-writer-nogui)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from essayplan.export import export_plan
from samples import ADVICE, full_plan, stalin_pack, user_template

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")


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


def to_pdf(docx: Path, outdir: Path) -> Path:
    # A private profile: a developer's open LibreOffice must not swallow the conversion.
    profile = (outdir / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return outdir / (docx.stem + ".pdf")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_export_converts_to_pdf(kind, tmp_path):
    pack = stalin_pack()
    options = KINDS[kind](pack, tmp_path)
    plan = options.pop("plan")
    out = tmp_path / f"{kind}.docx"
    export_plan(plan, pack, out, author="Sam", advice=ADVICE, **options)
    pdf = to_pdf(out, tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "Ranking" in text and "Conclusion" in text
