"""The plan as Markdown: plain text to paste into anything (CommonMark with pipe tables)."""

from __future__ import annotations

from essayplan.export.content import NO_SENTENCE, Block, Bullets, Content, LinkMap, Note, Part, Scale, Table, link_line


def render(content: Content) -> str:
    lines = [f"# {_inline(content.title)}", "", f"*{_inline(content.meta)}*", ""]
    for section in content.sections:
        lines += ["#" * (section.level + 1) + " " + _inline(section.heading), ""]
        for block in section.blocks:
            lines += _block(block)
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Part):
        return [f"**{block.label}:** {_text(block.text) or _faint(block.empty)}", ""]
    if isinstance(block, Bullets):
        out = [f"**{_inline(block.label)}:**", ""] if block.label else []
        if block.items:
            out += [f"- {_text(item, indent='  ')}" for item in block.items]
        else:
            out.append(_faint(block.empty))
        return out + [""]
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        out = ["| " + " | ".join(_cell(c, block.empty) for c in row) + " |" for row in rows]
        out.insert(1, "| " + " | ".join("---:" if i == 0 else "---" for i in range(len(block.header))) + " |")
        return out + [""]
    if isinstance(block, Note):
        return [_faint(block.text), ""]
    if isinstance(block, LinkMap):
        out = []
        for link in block.links:
            arrow, how = link_line(block.factors, link)
            out.append(f"- {_inline(arrow)}: {_text(how, indent='  ') or _faint(NO_SENTENCE)}")
        return out + [""]
    if isinstance(block, Scale):
        return []  # the Extent line before it says it in words
    raise TypeError(block)


def _inline(text: str) -> str:
    # A heading or label is one line.
    return " ".join(text.split())


def _text(text: str, indent: str = "") -> str:
    """A student's text: its own line breaks kept (a trailing backslash is a hard break)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def _cell(text: str, empty: str) -> str:
    if not text:
        return _faint(empty) if empty else ""
    return _inline(text).replace("\\", "\\\\").replace("|", "\\|")


def _faint(text: str) -> str:
    return f"*{text}*" if text else ""
