"""`essayplan class FOLDER [-o REPORT] [--force] [--open]`: the command's arguments and its run.

Kept out of cli.py so that the command line stays one small block per command."""

from __future__ import annotations

import argparse
from pathlib import Path

from essayplan.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="a class folder, or a folder of plans handed in")
    parser.add_argument("-o", "--output", type=Path, metavar="REPORT", help="also write the report: REPORT.docx or REPORT.md")
    parser.add_argument("--format", choices=("docx", "md"), help="default: from REPORT's extension")
    parser.add_argument("--force", action="store_true", help="replace REPORT if it exists")
    parser.add_argument("--open", action="store_true", help="list the students in the app and open their plans read-only")


def run(args: argparse.Namespace, say) -> int:
    from essayplan.classreport import class_report
    from essayplan.classtext import report_lines

    out, fmt = args.output, None
    if out is not None:
        fmt = args.format or _format_of(out)
        if out.exists() and not out.is_dir() and not args.force:  # a folder gets the export's own message
            raise UserError(f"{out} exists; add --force to replace it")
        from essayplan.export import check_output

        check_output(out)  # before the report is printed: a bad path is said in one line, at once
    report = class_report(args.folder)
    if not args.open:  # the app shows the report itself
        for line in report_lines(report):
            say(line)
    if out is not None:
        from essayplan.export.classdoc import write_report

        say(f"wrote {write_report(report, out, fmt)}")
    return _open(report) if args.open else 0


def _format_of(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix == ".docx":
        return "docx"
    raise UserError(f"{out}: name the report .docx (Word) or .md (Markdown), or give --format")


def _open(report) -> int:
    from essayplan.tui.classlist import run_class_app

    return run_class_app(report)
