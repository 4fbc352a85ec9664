"""The ``ntmkit`` command: start a campaign, record the Friday reports received, check a
campaign, print its reports (text to .docx and PDF), rank, allocate, evaluate criteria, write
and read data-entry workbooks, keep a campaign in a store (.sqlite), export to DHIS2.

Usage: ``ntmkit <command> ...`` or ``python -m ntmkit <command> ...``; ``ntmkit <command> --help``
describes each command (in Vietnamese for the officer's commands). Commands: init (tạo đợt
mới), submit (ghi nhận báo cáo), validate (kiểm tra), report (báo cáo), rank (xếp hạng),
allocate (phân bổ chỉ tiêu), criteria (bộ tiêu chí), template (sổ nhập tiến độ), import (nhập
tiến độ), store (kho: define, import, info, copy), export dhis2 (xuất dữ liệu); report,
validate, rank and export take --store STORE in place of the campaign file and progress files.
Dates are written 6/5/2022 or 2022-05-06.

Exit codes (docs/cli.md):
  0  done (validate: no problem found)
  1  problems in the input: every problem is printed on stderr as one line
     "ntmkit: <where>: <what>" (file, JSON pointer or row and column, as the library names them)
  2  usage error: unknown command or option, a value that cannot be read (argparse)
  3  a package or program the command needs is missing (openpyxl, python-docx, Chromium)
  130  stopped with Ctrl+C

One file per command in this package; ``_common`` holds what they share.
"""
from __future__ import annotations

import argparse
import os
import sys

from .. import _core
from . import (allocate, criteria, export, import_, init, rank, report, store, submit,
               template, validate)
from ._common import EXIT_CODES, InputProblem, MissingTool, vietnamese_headings

COMMANDS = (init, submit, validate, report, rank, allocate, criteria, template, import_, store,
            export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ntmkit", add_help=False,
        description="Theo dõi đợt phát động Nông thôn mới: tạo đợt mới, ghi nhận báo cáo các "
        "thôn gửi, kiểm tra tệp, in báo cáo thứ Sáu (văn bản .docx, PDF), xếp hạng, phân bổ "
        "chỉ tiêu, đánh giá bộ tiêu chí, sổ nhập tiến độ Excel, giữ cả đợt trong một kho .sqlite, "
        "xuất DHIS2. Ngày viết "
        "6/5/2022 hoặc 2022-05-06. (Track a New Rural Development campaign: start it, record "
        "the reports received, check its files, print the Friday report, rank the units, "
        "split targets, evaluate criteria sets, data-entry workbooks, keep a campaign in a "
        "store, export to DHIS2.)",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    vietnamese_headings(parser)
    parser.add_argument("--version", action="version", version=f"ntmkit {_core.__version__}",
                        help="in số phiên bản rồi thoát (show the version)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                title="các lệnh (commands)")
    for command in COMMANDS:
        p = command.add_parser(sub)
        p.formatter_class = argparse.RawDescriptionHelpFormatter
        p.epilog = "\n\n".join(filter(None, [p.epilog, EXIT_CODES]))
        p.add_argument("-q", "--quiet", action="store_true",
                       help="không hiện thanh tiến trình (no progress bars)")
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
    except KeyboardInterrupt:
        print("ntmkit: đã dừng (stopped)", file=sys.stderr)
        return 130
    except MissingTool as e:
        print(f"ntmkit: {e}", file=sys.stderr)
        return 3
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
