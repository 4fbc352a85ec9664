"""``ntmkit init``: a new campaign file from a short questionnaire on the terminal (answers can
be piped, one a line) or from a file of the same answers (JSON), so an officer starts a campaign
without writing JSON by hand. The file written is checked by the library (Campaign.from_json)
and saved in its canonical form; targets are set for the commune, to be split with `ntmkit
allocate`."""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata

from .. import _core
from ._common import InputProblem, officer_parser

# The household items of a peak NTM campaign (the seed article's list), offered by number.
INDICATORS = [
    ("khu_dan_cu_mau", "Khu dân cư mẫu", "Model residential area", "areas", "sum"),
    ("vuon_sinh_thai", "Vườn sinh thái", "Ecological garden", "gardens", "sum"),
    ("chinh_trang_vuon", "Hộ chỉnh trang vườn", "Households renovating their garden",
     "households", "distinct_households"),
    ("hang_rao_xanh", "Hộ trồng mới, bổ sung hàng rào xanh", "Households planting green hedges",
     "households", "distinct_households"),
    ("cong_ngo", "Hộ chỉnh trang cổng ngõ", "Households renovating gate and entrance",
     "households", "distinct_households"),
    ("ho_loc_nuoc_thai", "Hộ xây hố lắng lọc nước thải",
     "Households building a wastewater filter pit", "households", "distinct_households"),
    ("nha_ve_sinh", "Hộ xây nhà vệ sinh tự hoại", "Households building a septic-tank toilet",
     "households", "distinct_households"),
    ("chuong_trai", "Hộ xây, che chắn chuồng trại",
     "Households building or screening livestock pens", "households", "distinct_households"),
]
ORGANISATIONS = [("hoi_nong_dan", "Hội Nông dân"), ("hoi_phu_nu", "Hội Phụ nữ"),
                 ("hoi_cuu_chien_binh", "Hội Cựu chiến binh"), ("doan_thanh_nien", "Đoàn Thanh niên")]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]

ANSWERS_HELP = """tệp trả lời (--from), JSON, cùng các câu hỏi:
  {"name": "Đợt cao điểm 2023", "first": "15/4/2023", "last": "30/5/2023",
   "report_day": "friday", "commune": "Xã Cẩm Bình",
   "villages": [{"name": "Cẩm Trang", "households": 229, "groups": 6}, "Hợp Phát"],
   "organisations": true, "indicators": ["hang_rao_xanh", "cong_ngo"],
   "targets": {"hang_rao_xanh": 140, "cong_ngo": 65}}
  "id" is made from the name unless given; "indicators" may also list whole indicator
  objects of docs/format.md."""


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "init", help="tạo tệp đợt phát động mới qua vài câu hỏi (new campaign)",
        description="Tạo tệp đợt phát động mới: trả lời vài câu hỏi (tên đợt, ngày bắt đầu và "
        "kết thúc, ngày báo cáo trong tuần, xã, các thôn với số hộ và số tổ liên gia, các đoàn "
        "thể, chỉ tiêu và chỉ tiêu toàn xã), hoặc đọc các câu trả lời từ tệp --from. Câu trả "
        "lời có thể chuyển qua stdin, mỗi dòng một câu. Chỉ tiêu toàn xã chia cho các thôn bằng "
        "`ntmkit allocate`. (Start a campaign file from a questionnaire or an answers file.)")
    p.add_argument("--out", metavar="CAMPAIGN.json", required=True,
                   help="tệp đợt phát động cần ghi (campaign file to write)")
    p.add_argument("--from", dest="answers", metavar="ANSWERS.json",
                   help="đọc câu trả lời từ tệp này thay vì hỏi (answers file)")
    p.add_argument("--force", action="store_true",
                   help="ghi đè nếu tệp --out đã có (overwrite)")
    p.epilog = ANSWERS_HELP
    return p


def run(args: argparse.Namespace) -> int:
    if os.path.exists(args.out) and not args.force:
        raise InputProblem(f"{args.out}: already exists; give --force to overwrite it")
    if args.answers:
        with open(args.answers, encoding="utf-8-sig") as f:
            try:
                answers = json.load(f)
            except json.JSONDecodeError as e:
                raise InputProblem(f"{args.answers}: not JSON: {e}") from None
        source = args.answers
    else:
        answers = Questionnaire(sys.stdin, sys.stderr).ask()
        source = "ntmkit init"
    try:
        data = campaign_json(answers, source)
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        # A hand-written answers file: a village without "name", households "many", …
        raise InputProblem(f"{source}: cannot read the answers: {e!r}") from None
    campaign = _core.Campaign.from_json(json.dumps(data, ensure_ascii=False), source)
    campaign.save(args.out)
    units = campaign.units
    print(f"wrote {args.out}: {campaign.name}, {_core.format_date_vi(campaign.first)}–"
          f"{_core.format_date_vi(campaign.last)}, {len(units.units_at('village'))} villages, "
          f"{len(campaign.indicators)} indicators, {plural(len(data['targets']), 'target')}")
    print("tiếp theo (next): ntmkit allocate " + args.out + " " + units.id(units.root)
          + " <chỉ tiêu> --write;  ntmkit template " + args.out + " --out nhap_tien_do.xlsx")
    return 0


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def slug(name: str) -> str:
    """An id from a Vietnamese name: "Cẩm Trang" -> "cam_trang"."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    out = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in text)
    return "_".join(part for part in out.split("_") if part) or "unit"


def campaign_json(a: dict, source: str) -> dict:
    """The campaign file (docs/format.md) for the answers; the library checks it."""
    def need(key):
        if key not in a or a[key] in ("", None, []):
            raise InputProblem(f"{source}: the answer \"{key}\" is missing")
        return a[key]

    def iso(key):
        try:
            return _core.format_date_iso(_core.parse_date(str(need(key))))
        except _core.Error as e:
            raise InputProblem(f"{source}: \"{key}\": {e}") from None

    commune = str(need("commune"))
    root = slug(commune)
    units = [{"id": root, "name": commune, "level": "commune"}]
    taken = {root}
    for v in need("villages"):
        v = {"name": v} if isinstance(v, str) else dict(v)
        vid = unique(slug(v["name"]), taken)
        unit = {"id": vid, "name": v["name"], "level": "village", "parent": root}
        if v.get("households") not in (None, ""):
            unit["households"] = int(v["households"])
        units.append(unit)
        for k in range(1, int(v.get("groups") or 0) + 1):
            units.append({"id": unique(f"{vid}_to_{k}", taken), "name": f"Tổ liên gia {k}",
                          "level": "household_group", "parent": vid})
    if a.get("organisations"):
        units += [{"id": unique(oid, taken), "name": name, "level": "organisation",
                   "parent": root} for oid, name in ORGANISATIONS]
    known = {i[0]: i for i in INDICATORS}
    indicators = []
    for ind in need("indicators"):
        if isinstance(ind, dict):
            indicators.append(ind)
        elif ind in known:
            iid, vi, en, measure, over_units = known[ind]
            indicators.append({"id": iid, "name_vi": vi, "name_en": en, "measure": measure,
                               "over_time": "sum", "over_units": over_units})
        else:
            raise InputProblem(f"{source}: indicator \"{ind}\": not one of "
                               f"{', '.join(known)} (or give the indicator as an object)")
    targets = [{"unit": root, "indicator": iid, "value": value, "basis": "planned"}
               for iid, value in (a.get("targets") or {}).items()]
    name = str(need("name"))
    day = str(a.get("report_day") or "friday").lower()
    return {"format": "ntmkit-campaign", "format_version": 1,
            "id": a.get("id") or slug(name).replace("_", "-"), "name": name,
            "source": source, "window": {"first": iso("first"), "last": iso("last")},
            "reporting": {"kind": "weekly", "day": day, "deadline_days": 0},
            "indicators": indicators, "units": units, "targets": targets}


def unique(uid: str, taken: set) -> str:
    """`uid`, or `uid_2`, `uid_3`… when two names make the same id."""
    out, k = uid, 1
    while out in taken:
        k += 1
        out = f"{uid}_{k}"
    taken.add(out)
    return out


class Questionnaire:
    """The questions, asked on `err` (stdout stays for the result) and read a line at a time
    from `inp`; an answer that cannot be read is asked again. Input ending early is an
    InputProblem naming the question."""

    def __init__(self, inp, err):
        self.inp, self.err = inp, err

    def line(self, question: str, default: str | None = None) -> str:
        hint = f" [{default}]" if default else ""
        self.err.write(f"{question}{hint}: ")
        self.err.flush()
        text = self.inp.readline()
        if not text:
            raise InputProblem(f"stdin: no answer to \"{question}\" (the input ended)")
        text = text.strip()
        if not self.inp.isatty():  # piped answers: show each after its question
            self.err.write(text + "\n")
        return text if text or default is None else default

    def value(self, question, read, default=None):
        while True:
            text = self.line(question, default)
            try:
                return read(text)
            except (ValueError, _core.Error) as e:
                self.err.write(f"  không đọc được (cannot read): {e}\n")

    def ask(self) -> dict:
        a = {"name": self.value("Tên đợt phát động (campaign name)", nonempty)}
        a["first"] = self.value("Ngày bắt đầu (first day, 15/4/2022)", date_text)
        a["last"] = self.value("Ngày kết thúc (last day)", date_text)
        a["report_day"] = self.value(
            "Ngày báo cáo trong tuần (report day): " + ", ".join(
                f"{k + 1} {d}" for k, d in enumerate(WEEKDAYS_VI)),
            lambda t: WEEKDAYS[int(t) - 1] if t.isdigit() and 1 <= int(t) <= 7 else bad(t), "5")
        a["commune"] = self.value("Tên xã (commune)", nonempty)
        names = self.value("Các thôn, cách nhau bởi dấu phẩy (villages, comma-separated)",
                           lambda t: [n.strip() for n in t.split(",") if n.strip()] or bad(t))
        a["villages"] = []
        for name in names:
            households = self.value(f"  {name}: số hộ (households; Enter: chưa biết)",
                                    optional_count, "")
            groups = self.value(f"  {name}: số tổ liên gia (household groups)", count, "0")
            a["villages"].append({"name": name, "households": households, "groups": groups})
        a["organisations"] = self.value(
            "Giao chỉ tiêu cho 4 đoàn thể (Hội ND, PN, CCB, Đoàn TN)? c/k (yes/no)", yes_no, "k")
        self.err.write("Chỉ tiêu (indicators):\n" + "".join(
            f"  {k + 1}. {vi}\n" for k, (_, vi, *_rest) in enumerate(INDICATORS)))
        picked = self.value("Chọn chỉ tiêu, số cách nhau bởi dấu phẩy (Enter: tất cả)",
                            pick_indicators, "")
        a["indicators"] = picked
        a["targets"] = {}
        for iid in picked:
            vi = next(i[1] for i in INDICATORS if i[0] == iid)
            value = self.value(f"  Chỉ tiêu toàn xã — {vi} (commune target; Enter: chưa giao)",
                               optional_count, "")
            if value is not None:
                a["targets"][iid] = value
        return a


def bad(text):
    raise ValueError(f"\"{text}\"")


def nonempty(text: str) -> str:
    return text or bad(text)


def date_text(text: str) -> str:
    return _core.format_date_vi(_core.parse_date(text))


def count(text: str) -> int:
    if not text.isdigit():
        bad(text)
    return int(text)


def optional_count(text: str):
    return None if text == "" else count(text.replace(".", ""))


def yes_no(text: str) -> bool:
    t = text.strip().lower()
    if t in ("c", "có", "co", "y", "yes"):
        return True
    if t in ("k", "không", "khong", "n", "no"):
        return False
    return bad(text)


def pick_indicators(text: str) -> list[str]:
    if text == "":
        return [i[0] for i in INDICATORS]
    numbers = [count(t.strip()) for t in text.split(",") if t.strip()]
    if not numbers or any(not 1 <= n <= len(INDICATORS) for n in numbers):
        bad(text)
    return [INDICATORS[n - 1][0] for n in dict.fromkeys(numbers)]
