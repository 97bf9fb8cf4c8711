"""Pack editing: pure functions on packs, as ops.py is for plans."""

from __future__ import annotations

import re
import unicodedata

from essayplan.model import Evidence, Factor, Pack


def slug(text: str, fallback: str = "item") -> str:
    """A readable id: lowercase ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    return "-".join(words)[:48].strip("-") or fallback


def empty_pack(title: str) -> Pack:
    """A pack that checks: one factor with one card, to be filled in."""
    title = title.strip() or "New topic"
    return Pack(
        id=slug(title, "new-pack"),
        title=title,
        questions=(f"Assess the reasons for {title}.",),
        factors=(
            Factor(
                id="factor-1",
                title="First factor",
                summary="What this cause is about.",
                evidence=(Evidence(id="evidence-1", text="A piece of evidence for this factor."),),
            ),
        ),
    )
