"""The ``ntmkit`` command: check a campaign, print its reports, rank, allocate, evaluate criteria,
write and read data-entry workbooks, export to DHIS2.

Usage: ``ntmkit <command> ...`` or ``python -m ntmkit <command> ...``; ``ntmkit <command> --help``
describes each command. Commands: validate (kiểm tra), report (báo cáo), rank (xếp hạng),
allocate (phân bổ chỉ tiêu), criteria (bộ tiêu chí), template (sổ nhập tiến độ), import (nhập
tiến độ), export dhis2 (xuất dữ liệu). Dates are written 6/5/2022 or 2022-05-06.

Exit codes:
  0  done (validate: no problem found)
  1  problems in the input: every problem is printed on stderr as one line
     "ntmkit: <where>: <what>" (file, JSON pointer or row and column, as the library names them)
  2  usage error: unknown command or option, a value that cannot be read (argparse)

One file per command in this package; ``_common`` holds what they share.
"""
from __future__ import annotations

import argparse
import os
import sys

from .. import _core
from . import allocate, criteria, export, import_, rank, report, template, validate
from ._common import EXIT_CODES, InputProblem


COMMANDS = (validate, report, rank, allocate, criteria, template, import_, export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ntmkit",
        description="Track a Nông thôn mới campaign (đợt phát động): check its files, print the "
        "Friday report, rank the units, split targets, evaluate criteria sets, write and read "
        "data-entry workbooks and export figures to DHIS2. "
        "Dates: 6/5/2022 or 2022-05-06.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"ntmkit {_core.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        p = command.add_parser(sub)
        p.formatter_class = argparse.RawDescriptionHelpFormatter
        p.epilog = EXIT_CODES
        p.set_defaults(run=command.run, parser=p)
    return parser


def _utf8_output() -> None:
    # Unit names are Vietnamese: a console in another code page would raise on the first one.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: sys.argv[1:]); returns the exit code."""
    _utf8_output()
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader stopped (ntmkit ... | head): not a problem of the input; stay quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except InputProblem as e:
        print(f"ntmkit: {e}", file=sys.stderr)
        return 1
    except _core.Error as e:
        print(f"ntmkit: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        where = e.filename if e.filename is not None else "output"
        print(f"ntmkit: {where}: {e.strerror or e}", file=sys.stderr)
        return 1
