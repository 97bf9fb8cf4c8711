"""Word exports rendered to PDF by LibreOffice, all in one start.

Starting soffice costs seconds; converting one more document in a start that is running
costs a fraction of one. So a test module registers, at import, each document it wants to
see as pages (`@renders("name")` on a function that writes it), and the session fixture
`rendered` (tests/export/conftest.py) writes them all and converts them in one soffice call,
with a private profile (a developer's open LibreOffice must not swallow the conversion).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)

# name -> a function writing the Word document to the path it is given
DOCUMENTS: dict[str, Callable[[Path], object]] = {}


def renders(name: str):
    """Register a function that writes a document (to the path it is given) to be rendered as <name>.pdf."""

    def register(write: Callable[[Path], object]) -> Callable[[Path], object]:
        assert name not in DOCUMENTS, f"two documents rendered as {name}.pdf"
        DOCUMENTS[name] = write
        return write

    return register


class Rendered:
    """The PDFs of one soffice run, by name; a missing one fails its own test with soffice's output."""

    def __init__(self, folder: Path, output: str) -> None:
        self.folder = folder
        self.output = output

    def __getitem__(self, name: str) -> Path:
        assert name in DOCUMENTS, f"{name} is not registered with @renders"
        pdf = self.folder / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice did not render {name}.docx:\n{self.output}"
        return pdf


def render_all(folder: Path) -> Rendered:
    documents = []
    for name, write in DOCUMENTS.items():
        path = folder / f"{name}.docx"
        write(path)
        documents.append(str(path))
    profile = (folder / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *documents],
        capture_output=True, text=True, timeout=60 + 30 * len(documents),
    )  # fmt: skip
    return Rendered(folder, f"status {result.returncode}\n{result.stdout}{result.stderr}")
