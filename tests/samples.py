"""Sample packs and plans that several test files share: the bundled Stalin pack with a
"full plan" a good student leaves, a school's own Word template, and a small WW1 pack."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from essayplan.model import Evidence, Factor, Pack, Paragraph, Plan, Ranked
from paths import BUNDLED_PACK

CREATED = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)
MODIFIED = datetime(2025, 3, 4, 17, 5, 12, tzinfo=timezone.utc)
QUESTION = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"
ADVICE = [
    "paragraph 3 (Stalin's personality and position as General Secretary): write the link.",
    "evidence (Stalin's policies): 3 cards are in no paragraph.",
]


def stalin_pack() -> Pack:
    """The bundled pack (factors/stalin-rise.toml)."""
    from essayplan.packs import load_pack

    return load_pack(BUNDLED_PACK)


def full_plan(pack: Pack) -> Plan:
    """A plan as a good student leaves it: most parts written, one gap, one card the pack lost."""
    return Plan(
        pack=pack.id,
        question=QUESTION,
        introduction=(
            "The weakness of the opposition mattered, but Stalin's position as General Secretary was the main "
            "reason: it let him exploit his rivals' mistakes and sell his policies to a party he had built."
        ),
        criteria="The most important factor is the one without which the others would not have worked.",
        conclusion=(
            "Overall, Stalin's position as General Secretary was the key reason. Although the opposition was "
            "weak and divided, it was his control of appointments that turned their mistakes into his victory."
        ),
        created=CREATED,
        modified=MODIFIED,
        ranking=(
            Ranked("personality", "Control of appointments built a loyal majority | the base for everything else."),
            Ranked("opposition", "Trotsky's arrogance and the rivals' divisions let Stalin pick them off."),
            Ranked("policies", ""),
        ),
        paragraphs=(
            Paragraph(
                "personality",
                point="Stalin's position as General Secretary was the main reason for his rise.",
                evidence=("organisational-skills", "criticised-by-lenin", "party-member-files"),
                explain="He could promote supporters, so the party congresses voted for him.\nHis rivals could not.",
                link="This links to the weakness of the opposition, which he could exploit from this position.",
            ),
            Paragraph(
                "opposition",
                point="The weakness of the opposition allowed Stalin to defeat his rivals one by one.",
                evidence=("trotsky-testament", "triumvirate", "card-the-pack-lost"),
                explain="Trotsky's failure to act in 1924 meant Stalin survived Lenin's criticism.",
                link="However, this was only possible because of Stalin's position.",
                counter="Some historians argue Trotsky's mistakes mattered most; however, they did not give Stalin a majority.",
            ),
            Paragraph("policies", point="Stalin's policies appealed to the party's mood.", evidence=("mood-against-nep",)),
        ),
    )


def user_template(path: Path, *, header="Hillside Academy — History department", dotx=False) -> Path:
    """A school's own template: its header, Georgia 12pt, and no List Bullet or Table Grid style."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(12)
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    document.add_paragraph("Replace this text with your essay.")  # a body the export must clear
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) in ("ListBullet", "TableGrid"):
            styles.remove(style)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if dotx:
        data = _as_dotx(data)
    path.write_bytes(data)
    return path


def _as_dotx(data: bytes) -> bytes:
    """What Word writes for a template: the same package, the template content type."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(info, body)
    return out.getvalue()


def ww1_pack() -> Pack:
    """A small pack a teacher might write: two factors, three cards, one question."""
    return Pack(
        id="ww1",
        title="Causes of the First World War",
        questions=("Why did war break out in 1914?",),
        factors=(
            Factor(
                id="alliances",
                title="Alliances",
                summary="Two armed camps.",
                keywords=("entente",),
                evidence=(
                    Evidence(id="triple-entente", text="The Triple Entente of 1907", date="1907"),
                    Evidence(id="triple-alliance", text="The Triple Alliance of 1882", group="Central Powers"),
                ),
            ),
            Factor(
                id="militarism",
                title="Militarism",
                evidence=(Evidence(id="dreadnought", text="HMS Dreadnought launched", date="1906"),),
            ),
        ),
    )
