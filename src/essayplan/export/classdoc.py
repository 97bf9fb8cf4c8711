"""The class report (classreport.Report) as a document: laid out by the plan export's own Word
and Markdown writers, so it has the same styles, tables and page set-up as a student's plan."""

from __future__ import annotations

from pathlib import Path

from essayplan.classreport import TOP_ADVICE, TOP_COMMON, Report, least_used, most_used
from essayplan.classtext import cells
from essayplan.export.content import BarChart, Bullets, Content, Note, Section, Table, clean, long_date, utc
from essayplan.model import now, plural

STUDENT_HEADER = ("Student", "Judgement", "Ranked first", "Links", "Cards", "Words", "Advice")
NO_QUESTION = "(no question chosen yet)"


def build(report: Report) -> Content:
    moment = utc(now())
    plans, broken = report.plans, report.unreadable
    counts = f"{plural(len(report.students), 'student')}, {plural(len(plans), 'plan')}"
    if broken:
        counts += f", {plural(len(broken), 'file')} that cannot be read"
    # The class first, then each plan's question and advice (the longest part) at the end.
    sections = [_students(report), *_ranked(report), _nothing(report), _common(report), *_evidence(report), _questions(report)]
    if broken:
        rows = tuple((clean(str(e.path)), clean(e.error)) for e in broken)
        sections.append(Section("Files that cannot be read", 1, (Table(("File", "Problem"), rows, widths=(5, 9)),)))
    if report.skipped or report.stopped:
        notes = tuple(clean(line) for line in report.skipped) + ((clean(report.stopped),) if report.stopped else ())
        sections.append(Section("Left out", 1, (Bullets("", notes),)))
    name = clean(report.folder.resolve().name or str(report.folder))
    return Content(
        title=f"Class report: {name}",
        meta=f"{long_date(moment)} · {counts}",
        byline=f"Folder: {clean(str(report.folder))}",
        sections=tuple(sections),
        subject="Class report",
        author=f"Class report: {name}",
        created=moment,
        modified=moment,
        keywords="essayplan, class report",
    )


def _students(report: Report) -> Section:
    rows = tuple(tuple(clean(cell) for cell in cells(entry)) for entry in report.plans)
    table = Table(STUDENT_HEADER, rows, widths=(6, 5, 7, 3, 3, 3, 4))
    note = Note("Judgement: the mark on the judgement line (0 not at all … 100 entirely). Cards: evidence cards "
                "used. Words: the student's own words. Advice: notes still outstanding (– the pack was not found).")  # fmt: skip
    return Section("Students", 1, (table, note) if rows else (Note("No plan can be read in this folder."),))


def _questions(report: Report) -> Section:
    rows = []
    for entry in report.plans:
        if entry.advice is None:
            advice = f"Pack not found: {entry.pack_note}" if entry.pack is None else entry.pack_note
        else:
            shown = [f"• {line}" for line in entry.notes(TOP_ADVICE)]
            more = len(entry.advice) - TOP_ADVICE
            advice = "\n".join(shown + ([f"… and {more} more"] if more > 0 else [])) or "None: every part is in place"
        rows.append((clean(entry.name), clean(entry.question) or NO_QUESTION, clean(advice)))
    return Section("Questions and advice outstanding", 1, (Table(("Student", "Question", f"Advice (first {TOP_ADVICE})"), tuple(rows), widths=(3, 6, 9)),))


def _ranked(report: Report) -> list[Section]:
    counted = len(report.counted())
    out = []
    for title, bars in report.ranked_first():
        bars = tuple((clean(label), n) for label, n in bars)
        alt = "; ".join(f"{label}: {n}" for label, n in bars)
        chart = BarChart(("Factor", "Ranked first"), bars, f"How many plans rank each factor first: {alt}")
        out.append(Section(f"Ranked first: {clean(title)}", 1, (chart,)))
    if out:
        note = Note(f"Counted in {plural(counted, 'plan')} with writing; a plan with nothing written is not counted.")
        out[0] = out[0]._replace(blocks=out[0].blocks + (note,))
    return out


def _evidence(report: Report) -> list[Section]:
    out = []
    for pack, use in report.evidence_use():
        used = sum(1 for _text, n in use if n)
        out.append(Section(f"Evidence used: {clean(pack.title)}", 1, (
            Note(f"{used} of {plural(len(use), 'card')} are used in at least one plan."),
            Table(("Most used card", "Plans"), _rows(most_used(use)), widths=(12, 2)),
            Table(("Least used card", "Plans"), _rows(least_used(use)), widths=(12, 2)),
        )))  # fmt: skip
    return out


def _rows(pairs: list[tuple[str, int]]) -> tuple[tuple[str, str], ...]:
    return tuple((clean(text), str(n)) for text, n in pairs)


def _common(report: Report) -> Section:
    rows = tuple((clean(message), str(n)) for _rule, message, n in report.common_advice()[:TOP_COMMON])
    block = Table(("Advice", "Plans"), rows, widths=(12, 2)) if rows else Note("No advice.")
    return Section("Most common advice", 1, (block,))


def _nothing(report: Report) -> Section:
    names = tuple(clean(name) for name in report.nothing_written())
    return Section("Nothing written yet", 1, (Bullets("", names, empty="Every student has written something."),))


def write_report(report: Report, out: Path, fmt: str) -> Path:
    """Write the report to `out` (docx or md) atomically; UserError says what and where."""
    from essayplan.export import write_content

    return write_content(build(report), out, fmt)

