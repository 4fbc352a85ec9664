"""``ntmkit store``: keep a campaign in a campaign store (ntmkit.Store, docs/store.md), one
.sqlite file or a schema of a PostgreSQL database, from the command line: its definition
(define), progress files and filled workbooks (import), what it holds (info), and a commune's
store into a district's (copy). The reading commands take ``--store STORE`` in place of the
campaign file and progress files (_common.open_campaign)."""
from __future__ import annotations

import argparse
import os
import sys

from .. import _core
from ._common import (EXIT_CODES, InputProblem, MissingTool, import_counts, officer_parser,
                      open_store, progress_bar, vietnamese_headings)
from .import_ import input_files

STORE_HELP = ("kho: tệp .sqlite (tạo mới nếu chưa có) hoặc postgresql://…#schema "
              "(campaign store)")
WORKBOOKS = (".xlsx", ".xlsm")
CAMPAIGN_SOURCE = "campaign"  # the source of the campaign file's own records: campaign:<n>
KINDS = {"progress": "tiến độ (progress)", "columns": "tiến độ theo cột (bulk columns)",
         "submissions": "báo cáo đã nhận (reports received)"}  # Store.imports()' kinds


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "store", help="giữ đợt phát động trong một kho .sqlite: định nghĩa, tiến độ, "
        "sao chép lên huyện (campaign store)",
        description="Giữ cả đợt phát động trong một kho (một tệp .sqlite, hoặc một schema của "
        "cơ sở dữ liệu PostgreSQL của huyện): `define` ghi định nghĩa đợt, `import` nhập tệp "
        "tiến độ CSV và sổ nhập tiến độ Excel, mỗi tệp một lần nhập, nhập lại không thêm gì; "
        "`info` cho biết kho đang giữ gì; `copy` chép kho của xã vào kho của huyện. Các lệnh "
        "report, validate, rank, export đọc kho bằng --store STORE thay cho tệp đợt phát động "
        "và --progress; `ntmkit submit --store STORE` ghi báo cáo đã nhận vào kho. (Keep a "
        "campaign in a store; docs/store.md.)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True,
                               title="các việc (actions)")

    d = _action(actions, "define", "ghi định nghĩa đợt phát động vào kho (define)",
                "Ghi định nghĩa của đợt CAMPAIGN (địa bàn, chỉ tiêu, thời gian, các tuần chủ "
                "đề) vào kho STORE, cùng các bản ghi tiến độ và báo cáo đã nhận có trong tệp. "
                "Định nghĩa đổi (một chỉ tiêu, một tên thôn) thành một phiên bản mới; không "
                "đổi thì không thêm phiên bản nào. In số phiên bản. Kho chưa có thì được tạo. "
                "(Keep a new version of the definition.)")
    d.add_argument("store", metavar="STORE", help=STORE_HELP)
    d.add_argument("campaign", metavar="CAMPAIGN",
                   help="tệp đợt phát động, JSON (campaign file; docs/format.md)")

    i = _action(actions, "import", "nhập tệp tiến độ CSV và sổ Excel đã điền vào kho (import)",
                "Nhập từng tệp vào kho STORE, theo thứ tự đã cho: tệp tiến độ CSV và sổ nhập "
                "tiến độ đã điền (.xlsx, từ `ntmkit template`); một thư mục là mọi tệp .csv "
                "và .xlsx trong đó, theo tên. Mỗi tệp là một lần nhập: tệp có lỗi được chỉ "
                "rõ (tệp, dòng và cột, hoặc 'Trang'!Ô) và kho không giữ gì của tệp đó, các "
                "tệp khác vẫn được nhập; mã thoát 1. In số bản ghi đọc, thêm, bỏ qua của từng "
                "tệp: nhập lại một tệp đã nhập thì không thêm gì. Mỗi dòng được giữ dưới mã "
                "<tên tệp>:<dòng> (hoặc cột id/Mã): các tệp khác nhau cần tên khác nhau. "
                "(Import progress files, each as one transaction.)")
    i.add_argument("store", metavar="STORE", help="kho đã có định nghĩa (a defined store)")
    i.add_argument("files", metavar="CSV_OR_WORKBOOK", nargs="+",
                   help="tệp tiến độ CSV, sổ nhập tiến độ đã điền (.xlsx) hoặc thư mục chứa "
                   "chúng (progress CSV files, filled workbooks, directories)")
    i.add_argument("--number-style", choices=("vi", "en"),
                   help="kiểu viết số trong sổ Excel: vi 1.234,5 hoặc en 1,234.5 (number "
                   "style); chỉ cho sổ .xlsx, tệp CSV viết số không có dấu phân cách hàng nghìn")

    n = _action(actions, "info", "kho đang giữ gì (info)",
                "In đợt phát động trong kho STORE, các phiên bản định nghĩa (ngày giờ ghi, "
                "theo giờ UTC), số bản ghi tiến độ, số báo cáo đã nhận, số đánh giá bộ tiêu "
                "chí, rồi từng lần nhập đã thêm dữ liệu, cũ trước mới sau: số thứ tự, ngày giờ "
                "(UTC), nguồn (tên tệp; `campaign` là tệp đợt phát động của `define`; `ntmkit "
                "submit` là báo cáo ghi bằng lệnh submit), loại, số đọc và số thêm. Nhập lại "
                "một tệp mà không thêm gì thì không thành một dòng. (What the store holds, and "
                "what was imported when.)")
    n.add_argument("store", metavar="STORE", help="kho (campaign store)")

    c = _action(actions, "copy", "chép kho của xã vào kho của huyện (copy)",
                "Chép mọi thứ kho STORE giữ (các phiên bản định nghĩa, bản ghi, báo cáo đã "
                "nhận, đánh giá) vào kho TARGET dưới cùng các mã: thường là kho .sqlite của "
                "một xã vào schema của xã đó trong cơ sở dữ liệu PostgreSQL của huyện. Chép "
                "lại thì chỉ thêm phần mới; hai xã khác nhau vào cùng một schema bị từ chối. "
                "(Copy a commune's store into a district's.)")
    c.add_argument("store", metavar="STORE", help="kho nguồn, của xã (source store)")
    c.add_argument("target", metavar="TARGET",
                   help="kho đích: postgresql://…#xa_… hoặc tệp .sqlite (tạo mới nếu chưa có) "
                   "(target store)")
    return p


def _action(actions, name: str, help: str, description: str) -> argparse.ArgumentParser:
    a = actions.add_parser(name, help=help, description=description, add_help=False,
                           epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    vietnamese_headings(a)
    # -q after the action too (`ntmkit store import -q …`), as after any other command;
    # SUPPRESS keeps a -q given before the action (`ntmkit store -q import …`).
    a.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                   help="không hiện thanh tiến trình (no progress bars)")
    return a


def run(args: argparse.Namespace) -> int:
    return {"define": define, "import": import_files, "info": info,
            "copy": copy}[args.action](args)


def define(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)  # checked before the store is touched
    store = _core.Store.open(args.store)
    before = len(store.versions())
    latest = store.define(campaign, note=f"from {os.path.basename(args.campaign)}")
    # Then the file's own records and reports received, so that the store gives the reports
    # the file gives (Store.import_campaign; its define finds the version just stored). Under
    # one source whatever the file is called: a renamed campaign file (dot_2023_v2.json)
    # must not bring its records in again under new ids.
    result = store.import_campaign(campaign, CAMPAIGN_SOURCE)
    state = ("mới (new)" if latest > before else "không đổi, không thêm phiên bản "
             "(unchanged)")
    print(f"{args.store}: định nghĩa phiên bản (definition version) {latest} — {state}")
    if result.read:
        print(f"{args.campaign}, bản ghi và báo cáo đã nhận trong tệp: {import_counts(result)}")
    return 0


def import_files(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    bad = 0
    files = progress_bar(input_files(args.files), args, "nhập")
    # Lines printed while a bar is on the terminal go above it (tqdm.write), not through it.
    say = getattr(files, "write", None) or (lambda text, file=None: print(text, file=file))
    for path in files:
        try:
            result = _import_one(store, path, args.number_style)
        except (_core.Error, InputProblem) as e:
            # The import was one transaction: the store keeps nothing of this file.
            say(f"ntmkit: {e}", file=sys.stderr)
            say(f"ntmkit: {path}: không nhập gì từ tệp này (nothing imported from this file)",
                file=sys.stderr)
            bad += 1
            continue
        say(f"{path}: {import_counts(result)}")
    return 1 if bad else 0


def _import_one(store: _core.Store, path: str, number_style: str | None):
    """One file as one import, read as `ntmkit import` reads it: a workbook by its cells
    (Store.import_workbook), anything else as a progress CSV."""
    lower = str(path).lower()
    if lower.endswith(WORKBOOKS):
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise MissingTool("reading .xlsx workbooks needs the Python package openpyxl: "
                              "pip install openpyxl") from None
        return store.import_workbook(path, number_style=number_style)
    if lower.endswith((".parquet", ".json")):
        raise InputProblem(f"{path}: the store imports progress CSV files and filled workbooks "
                           "(.xlsx); read this file with `ntmkit import CAMPAIGN FILE "
                           "--write-csv OUT.csv` and import OUT.csv")
    return store.import_csv(path)


def info(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    versions = store.versions()
    if not versions:
        raise InputProblem(f"{args.store}: the store holds no campaign yet; "
                           "`ntmkit store define STORE CAMPAIGN.json` first")
    campaign = store.campaign()
    window = campaign.window
    fmt = _core.format_date_vi
    lines = [f"kho (store) {args.store}: {campaign.id} — {campaign.name}",
             f"thời gian (window): {fmt(window.first)} – {fmt(window.last)}",
             f"định nghĩa (definition versions): {len(versions)}"]
    for v in versions:
        lines.append(f"  {v['version']:>3}  {_utc_text(v['stored'])}"
                     + (f"  {v['note']}" if v["note"] else ""))
    lines += [f"bản ghi tiến độ (progress records): {len(campaign.progress)}",
              f"báo cáo đã nhận (reports received): {len(campaign.submissions)}",
              f"đánh giá bộ tiêu chí (criteria evaluations): {len(store.evaluations())}",
              f"lược đồ kho (store schema): {store.schema_version}"]
    imports = store.imports()
    lines.append(f"lần nhập (imports): {len(imports)}")
    for i in imports:
        lines.append(f"  {i['id']:>3}  {_utc_text(i['stored'])}  {i['source']} — "
                     f"{KINDS.get(i['kind'], i['kind'])}: đọc {i['read']}, thêm {i['added']}")
    print("\n".join(lines))
    return 0


def _utc_text(stored: str) -> str:
    """2026-12-02T12:48:06Z as 2/12/2026 12:48:06 UTC (dates written d/m/yyyy)."""
    day, _, time = stored.partition("T")
    try:
        y, m, d = (int(x) for x in day.split("-"))
    except ValueError:
        return stored
    return f"{d}/{m}/{y} {time.rstrip('Z')} UTC"


def copy(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    result = store.copy_to(_core.Store.open(args.target))
    print(f"{args.store} → {args.target}: {import_counts(result)}")
    return 0
