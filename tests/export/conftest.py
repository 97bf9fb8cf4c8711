"""Fixtures of the export tests."""

from __future__ import annotations

import pytest

from rendering import SOFFICE, Rendered, render_all


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Rendered:
    """Every registered document as a PDF, from one LibreOffice start (per test process)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    return render_all(tmp_path_factory.mktemp("rendered"))
