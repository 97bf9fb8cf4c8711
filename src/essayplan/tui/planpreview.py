"""A paragraph of the plan view drawn as text, until it is first drawn on screen.

A paragraph's fields are ~25 widgets; a plan of 40 factors took seconds to open
when all were mounted at once. A paragraph not yet on screen is its heading
with this drawn below it: the same labels, texts and cards, laid out as the
fields are (the label beside its text from 100 columns, above it when
narrower), so the view is about as tall as it will be once the fields are
built (planview.ParagraphBox.build). Plain text, not a table: it is measured
at every layout.
"""

from __future__ import annotations

from rich.text import Text

from essayplan.model import Pack, Paragraph
from essayplan.paragraph_templates import ParagraphTemplate
from essayplan.tui.labels import ADD_OWN_EVIDENCE, add_evidence, card_line
from essayplan.tui.text import clean

LABEL_WIDTH = 20  # the label column when wide (plan.tcss)
FIELD_CHARACTERS = 8 * 80  # a field shows at most 8 lines (plan.tcss: max-height): about this much text


def paragraph_preview(
    pack: Pack, paragraph: Paragraph, template: ParagraphTemplate, wide: bool, add_key: str = "ctrl+n"
) -> Text:
    """The paragraph's parts as its fields would show them (below its heading); `add_key`
    opens the evidence picker where the student is."""
    lines: list[Text] = []

    def part(label: str, body: list[Text]) -> None:
        if wide:  # the label, then the first line beside it; the others under the first
            indent = " " * LABEL_WIDTH
            lines.append(Text(clean(label)[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH), style="bold") + body[0])
            lines.extend(Text(indent) + line for line in body[1:])
        else:
            lines.append(Text(clean(label), style="bold"))
            lines.extend(body)

    for name in ("point", "evidence", "explain", "link", "counter"):
        if name == "evidence":
            body = [card_line(pack, card) for card in paragraph.evidence]
            body += [Text(f" {clean(line)}") for line in paragraph.own_evidence]
            body += [Text(add_evidence(add_key), style="dim"), Text(ADD_OWN_EVIDENCE, style="dim")]
        else:
            text = clean(getattr(paragraph, name), multiline=True)[:FIELD_CHARACTERS]
            body = [Text(line) for line in text.split("\n")] if text else [Text(template.hint(name), style="dim")]
        part(template.label(name), body)
    return Text("\n").join(lines)
