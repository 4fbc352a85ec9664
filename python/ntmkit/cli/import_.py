"""``ntmkit import``: filled entry workbooks, progress CSV and Parquet files read onto the
campaign, all or nothing; what each file holds and what it adds per village is printed, and
``--write-csv`` keeps the records as one progress CSV (the log an officer keeps)."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os

from .. import _core
from ._common import InputProblem, number_text, officer_parser, progress_bar, write_output
from .export import add_dhis2_arguments, read_json

HEADER = ("unit", "indicator", "date", "reported", "quantity", "note", "reporter", "supersedes")


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "import", help="nhập sổ tiến độ Excel đã điền và tệp CSV (import)",
        description="Đọc các sổ nhập tiến độ (.xlsx, từ `ntmkit template`) và tệp tiến độ CSV "
        "vào đợt CAMPAIGN theo thứ tự đã cho; một thư mục là mọi tệp .xlsx và .csv trong đó, "
        "theo tên; một tệp .json là gói dataValueSets của DHIS2. Tất cả hoặc không gì cả: "
        "một ô hay một dòng sai thì không ghi gì, lỗi được chỉ rõ 'Trang'!Ô hoặc tệp, dòng "
        "và cột. In số bản ghi của từng tệp và phần tăng thêm theo thôn và chỉ tiêu (tính đến ngày cuối đợt). --write-csv giữ mọi bản ghi thành "
        "một tệp tiến độ CSV. Tệp đợt phát động không bị sửa. (Read filled workbooks and "
        "progress CSV files, all or nothing.)")
    p.add_argument("campaign", metavar="CAMPAIGN",
                   help="tệp đợt phát động, JSON (campaign file)")
    p.add_argument("files", metavar="WORKBOOK_CSV_JSON_OR_DIR", nargs="+",
                   help="sổ nhập tiến độ đã điền (.xlsx), tệp tiến độ CSV hoặc Parquet, gói DHIS2 "
                   "(.json) hoặc thư mục chứa chúng (filled workbooks, CSV or Parquet files, DHIS2 "
                   "dataValueSets, directories)")
    add_dhis2_arguments(p)
    p.add_argument("--write-csv", metavar="OUT.csv",
                   help="ghi mọi bản ghi đã đọc thành một tệp tiến độ CSV (UTF-8, ngày d/m/yyyy)")
    p.add_argument("--number-style", choices=("vi", "en"),
                   help="kiểu viết số trong tệp: vi 1.234,5 hoặc en 1,234.5 (number style); "
                   "không khai báo thì số như 1.234 bị từ chối vì mơ hồ")
    p.add_argument("--check", action="store_true",
                   help="chỉ kiểm tra: in số liệu, không ghi gì (check only)")
    return p


def input_files(paths: list[str]) -> list[str]:
    """The files given, a directory standing for its .xlsx and .csv files in name order
    (Excel's lock files ~$… left out)."""
    out = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(n for n in os.listdir(path)
                           if n.lower().endswith((".xlsx", ".xlsm", ".csv", ".parquet"))
                           and not n.startswith("~$"))
            if not names:
                raise InputProblem(f"{path}: no .xlsx or .csv file in this directory")
            out += [os.path.join(path, n) for n in names]
        else:
            out.append(path)
    return out


def run(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)
    first = len(campaign.progress)
    before = _village_cumulative(campaign)
    counts = []
    for path in progress_bar(input_files(args.files), args, "nhập"):
        n = len(campaign.progress)
        # Each file is one batch; a later file's problem stops before anything is written,
        # so the whole import is all or nothing.
        if str(path).lower().endswith((".xlsx", ".xlsm")):
            campaign.add_progress_workbook(path, number_style=args.number_style)
        elif str(path).lower().endswith(".parquet"):
            campaign.add_progress_parquet(path)
        elif str(path).lower().endswith(".json"):
            campaign.add_dhis2(read_json(path), read_json(args.mapping),
                               args.values.replace("-", "_"))
        else:
            campaign.load_progress_csv(path, number_style=args.number_style)
        counts.append((path, len(campaign.progress) - n))
    lines = [f"{path}: {n} record{'' if n == 1 else 's'}" for path, n in counts]
    after = _village_cumulative(campaign)
    added = [(v, i, after[(v, i)] - before[(v, i)]) for v, i in after
             if after[(v, i)] != before[(v, i)]]
    if added:
        lines.append(f"added per village, as of {_core.format_date_vi(campaign.last)}:")
        lines += [f"  {v:<24} {i:<24} {number_text(q):>8}" for v, i, q in added]
    if args.write_csv and not args.check:
        write_output(progress_csv(campaign, first), args.write_csv)
        lines.append(f"wrote {args.write_csv}")
    write_output("\n".join(lines), None)
    return 0


def _village_cumulative(campaign) -> dict:
    """{(village id, indicator id): cumulative on the campaign's last day}."""
    rollup = campaign.rollup(campaign.last)
    units, indicators = campaign.units, campaign.indicators
    return {(units.id(v), ind.id): float(rollup.cumulative[v, k])
            for v in units.units_at("village") for k, ind in enumerate(indicators)}


def progress_csv(campaign, first: int) -> str:
    """The records from index `first` on as progress CSV text (docs/format.md): the header,
    d/m/yyyy dates, `reported` only where it differs from the day done."""
    log, units, indicators = campaign.progress, campaign.units, campaign.indicators
    start = campaign.first
    day = lambda offset: _core.format_date_vi(start + dt.timedelta(days=int(offset)))  # noqa: E731
    columns = (log.units(), log.indicators(), log.done_days(), log.reported_days(),
               log.quantities(), log.notes(), log.reporters(), log.supersedes_column())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for k in range(first, len(log)):
        u, i, done, reported, q, note, reporter, sup = (c[k] for c in columns)
        writer.writerow([units.id(int(u)), indicators[int(i)].id, day(done),
                         "" if reported == done else day(reported), quantity_text(q), note,
                         reporter, "" if sup < 0 else int(sup)])
    return out.getvalue()


def quantity_text(q: float) -> str:
    """A quantity the CSV reader reads back exactly: 12, 1.5; 1.125 as 1.1250, since one to
    three digits, a dot and three digits is refused as ambiguous (docs/format.md)."""
    text = number_text(q)
    whole, _, fraction = text.partition(".")
    return text + "0" if len(fraction) == 3 and len(whole) <= 3 else text
