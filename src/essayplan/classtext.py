"""The class report as plain text for the terminal: a table, a bar chart, the class's notes.

Lines only; the CLI prints them through say(), which cleans every line (student and
pack text never reaches the terminal as escape sequences).
"""

from __future__ import annotations

from essayplan.advice_structure import band
from essayplan.classreport import TOP_ADVICE, TOP_COMMON, Entry, Report, least_used, most_used
from essayplan.model import plural
from essayplan.names import short

BAR_WIDTH = 30
LABEL_WIDTH = 32
# (header, width, right-aligned); 79 columns with the spaces between.
COLUMNS = (("Student", 14, False), ("Judgement", 18, False), ("Ranked first", 20, False),
           ("Links", 5, True), ("Cards", 5, True), ("Words", 5, True), ("Advice", 6, True))  # fmt: skip
NOT_SET = "–"


def judgement(extent: int | None) -> str:
    """'70 largely', '10 limited extent', or '–' when the plan has no mark on the judgement line."""
    return NOT_SET if extent is None else f"{extent} {band(extent).removeprefix('to a ')}"


def advice_count(entry: Entry) -> str:
    return NOT_SET if entry.advice is None else str(len(entry.advice))


def cells(entry: Entry) -> tuple[str, ...]:
    """One plan's row: student, judgement, ranked first, links, cards, words, advice."""
    return (
        entry.name,
        judgement(entry.extent),
        entry.first or NOT_SET,
        str(entry.links),
        str(len(entry.cards)),
        str(entry.words),
        advice_count(entry),
    )


def _row(values: tuple[str, ...]) -> str:
    out = []
    for value, (_header, width, right) in zip(values, COLUMNS):
        value = short(value, width)
        out.append(value.rjust(width) if right else value.ljust(width))
    return " ".join(out).rstrip()


def bar_chart(counts: list[tuple[str, int]], width: int = BAR_WIDTH) -> list[str]:
    """'  Weakness of the opposition   ██████████ 12', bars scaled to the largest count."""
    most = max((n for _label, n in counts), default=0)
    lines = []
    for label, count in counts:
        length = round(count * width / most) if most else 0
        lines.append(f"  {short(label, LABEL_WIDTH).ljust(LABEL_WIDTH)} {'█' * length}{' ' if length else ''}{count}")
    return lines


def report_lines(report: Report) -> list[str]:
    plans, broken = report.plans, report.unreadable
    lines = [
        f"Class report: {report.folder}",
        f"{plural(len(report.students), 'student')}, {plural(len(plans), 'plan')}"
        + (f", {plural(len(broken), 'file')} that cannot be read" if broken else ""),
    ]
    if report.stopped:
        lines.append(f"note: {report.stopped}; the report is partial")
    if not report.entries:
        return lines + ["", "No plan files (*.toml) under this folder."]
    lines += ["", _row(tuple(header for header, _w, _r in COLUMNS))]
    lines += [_row(cells(entry)) for entry in plans]
    lines += _each_student(plans)
    lines += _class_lines(report)
    if broken:
        lines += ["", "Cannot be read:"] + [f"  {entry.path}: {entry.error}" for entry in broken]
    if report.skipped:
        lines += ["", "Left out:"] + [f"  {line}" for line in report.skipped]
    return lines


def _each_student(plans: list[Entry]) -> list[str]:
    lines = ["", "Each plan: question and advice outstanding"]
    for entry in plans:
        lines += ["", f"{entry.name} ({entry.path})", f"  Question: {entry.question or '(none chosen yet)'}"]
        if entry.pack is None:
            lines.append(f"  Pack not found: {entry.pack_note}")
        elif entry.advice is None:
            lines.append(f"  {entry.pack_note}")
        elif not entry.advice:
            lines.append("  Advice: none — every part of the plan is in place")
        else:
            lines.append(f"  Advice ({len(entry.advice)}):")
            lines += [f"    - {short(line, 72)}" for line in entry.notes(TOP_ADVICE)]
    return lines


def _class_lines(report: Report) -> list[str]:
    lines = ["", f"Ranked first, in {plural(len(report.counted()), 'plan')} with writing (plans with nothing written are not counted):"]
    for title, counts in report.ranked_first():
        lines += [f" {title}:"] + bar_chart(counts)
    for pack, use in report.evidence_use():
        used = sum(1 for _text, n in use if n)
        lines += ["", f"Evidence used ({pack.title}): {used} of {plural(len(use), 'card')}"]
        lines.append("  Most used:")
        lines += [f"    {n:3} × {short(text, 66)}" for text, n in most_used(use)] or ["    (no card is used yet)"]
        lines.append("  Least used:")
        lines += [f"    {n:3} × {short(text, 66)}" for text, n in least_used(use)]
    common = report.common_advice()[:TOP_COMMON]
    lines += ["", "Most common advice:"]
    lines += [f"  {n:3} × {short(message, 70)}" for _rule, message, n in common] or ["  (none)"]
    nothing = report.nothing_written()
    lines += ["", "Nothing written yet:", "  " + (", ".join(nothing) if nothing else "(every student has written something)")]
    return lines
