"""What the commands share: reading dates and fractions from the command line, loading a
campaign with its progress files, choosing the default report day and writing output."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys

from .. import _core

EXIT_CODES = """mã thoát (exit codes):
  0  xong (done; validate: không có lỗi nào)
  1  lỗi trong dữ liệu vào (problems in the input), mỗi lỗi một dòng trên stderr:
     "ntmkit: <ở đâu>: <lỗi gì>"
  2  gọi lệnh sai (usage error): lệnh, tùy chọn hoặc giá trị không đọc được
  3  thiếu công cụ cần thiết (a tool is missing): openpyxl, python-docx, Chromium
  130  người dùng dừng lệnh (Ctrl+C)"""


class MissingTool(Exception):
    """A package or program a command needs is not installed (exit code 3); str() says what
    to install."""


def officer_parser(sub, name: str, help: str, description: str) -> argparse.ArgumentParser:
    """A sub-command whose audience is the commune officer: its help in Vietnamese, with the
    English in brackets where a term may be looked up (argparse's own headings included)."""
    p = sub.add_parser(name, help=help, description=description, add_help=False)
    vietnamese_headings(p)
    return p


def vietnamese_headings(p: argparse.ArgumentParser) -> None:
    p._positionals.title = "tham số (arguments)"
    p._optionals.title = "tùy chọn (options)"
    p.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát (show this help)")


class InputProblem(Exception):
    """A problem with the input found by the command itself (not by the library); str() is
    "<where>: <what>" like the library's errors."""


def date_arg(text: str) -> dt.date:
    """argparse type: 6/5/2022 or 2022-05-06 (a usage error otherwise)."""
    try:
        return _core.parse_date(text)
    except _core.Error as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def fraction_arg(text: str) -> float:
    """argparse type: a completion as a fraction (0.9) or a percentage (90%)."""
    try:
        if text.endswith("%"):
            return float(text[:-1].replace(",", ".")) / 100
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a fraction (0.9) or a percentage (90%), "
                                         f"got {text!r}") from None


def add_campaign_arguments(p: argparse.ArgumentParser, progress_required: bool) -> None:
    """CAMPAIGN and --progress, or --store in place of both (checked by `load`)."""
    p.add_argument("campaign", metavar="CAMPAIGN", nargs="?",
                   help="tệp đợt phát động, JSON (campaign file; docs/format.md); hoặc --store")
    p.add_argument("--progress", metavar="CSV", nargs="+", action="extend", default=[],
                   help="các tệp tiến độ CSV, thêm theo thứ tự, mỗi tệp một lô (progress files)"
                   + ("" if progress_required else "; không bắt buộc"))
    p.add_argument("--store", metavar="STORE",
                   help="đọc đợt phát động và mọi bản ghi tiến độ từ kho STORE (tệp .sqlite hoặc "
                   "postgresql://…#schema, xem `ntmkit store`) thay cho CAMPAIGN và --progress "
                   "(campaign store)")
    p.set_defaults(campaign_parser=p, progress_required=progress_required)


def open_store(location: str, what: str = "") -> _core.Store:
    """The store at `location`, which must exist (an InputProblem naming `what`, e.g.
    "--store", otherwise): a mistyped file name or PostgreSQL schema leaves nothing behind."""
    try:
        return _core.Store.open(location, create=False)
    except _core.StoreError as e:
        if "no such store" not in str(e):
            raise
        where = f"{what} {location}" if what else location
        raise InputProblem(f"{where}: no such store (tạo kho bằng `ntmkit store define`)") from e


def import_counts(result) -> str:
    """An ImportResult as the store commands print it."""
    return (f"đọc {result.read}, thêm {result.added}, đã có sẵn {result.skipped} "
            "(read, added, skipped: already in the store)")


def open_campaign(args: argparse.Namespace) -> _core.Campaign:
    """The campaign of CAMPAIGN, or that of --store with every record it holds; before any
    --progress file. Exactly one of the two (a usage error otherwise)."""
    parser = args.campaign_parser
    if args.store is not None:
        if args.campaign is not None:
            parser.error("give CAMPAIGN or --store, not both (--store holds the campaign)")
        return open_store(args.store, "--store").campaign()
    if args.campaign is None:
        parser.error("give CAMPAIGN (the campaign file) or --store STORE")
    if args.progress_required and not args.progress:
        parser.error("give --progress CSV... (the progress files), or --store STORE")
    return _core.Campaign.load(args.campaign)


LEVELS = [level.name for level in _core.UnitLevel]


def add_level_argument(p: argparse.ArgumentParser, default: str | None, help: str) -> None:
    """--level as a usage error when it names no level (argparse lists the choices)."""
    p.add_argument("--level", choices=LEVELS, default=default, metavar="LEVEL",
                   help=f"{help}; one of {', '.join(LEVELS)}")


def progress_bar(items, args: argparse.Namespace, what: str, total: int | None = None):
    """`items`, with a bar on stderr while they are worked through (tqdm): only when the
    output is a terminal, there are several items and --quiet is not given, so pipes, files
    and tests see nothing of it. Without tqdm installed, no bar."""
    items = list(items) if total is None else items
    total = len(items) if total is None else total
    quiet = getattr(args, "quiet", False) or total < 2
    if quiet or not (sys.stdout.isatty() and sys.stderr.isatty()):
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    # A terminal that reports no size (0 × 0) would get no bar from tqdm: assume 80 × 24.
    size = shutil.get_terminal_size((80, 24))
    return tqdm(items, total=total, desc=what, unit=" tệp", leave=False, ncols=size.columns,
                nrows=size.lines)


def load(args: argparse.Namespace) -> _core.Campaign:
    """The campaign with every progress file added (from CAMPAIGN or --store, see
    open_campaign); the first error stops (see validate for a command that reports them all)."""
    campaign = open_campaign(args)
    for path in progress_bar(args.progress, args, "tiến độ"):
        campaign.load_progress_csv(path)
    return campaign


def default_report_date(campaign: _core.Campaign, today: dt.date) -> dt.date:
    """The report day weekly_report() takes without one (Campaign.default_report_date): that of
    the period holding the last day with work done, never one to come. None has come yet: an
    InputProblem naming --date."""
    try:
        return campaign.default_report_date(today)
    except _core.ValidationError as e:
        raise InputProblem(f"--date: {e.detail}") from None


def default_day(campaign: _core.Campaign, today: dt.date) -> dt.date:
    """For the loudspeaker list: the last day with work done up to today (else today, kept
    inside the window)."""
    last = campaign.data_through(today)
    return last if last is not None else min(max(today, campaign.first), campaign.last)


def write_output(text: str, out: str | None) -> None:
    """Text to the file `out` (UTF-8, line ends kept as the renderer wrote them) or stdout."""
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def percent(value: float, language: str) -> str:
    """66,7% in Vietnamese, 66.7% in English (as the reports print percentages)."""
    text = f"{value * 100:.1f}%"
    return text.replace(".", ",") if language == "vi" else text



def number_text(q: float) -> str:
    """A figure as plain text: 12 for a whole number, else Python's shortest exact form (1.5)."""
    return str(int(q)) if float(q).is_integer() else repr(float(q))
