"""Writes tests/fuzz/corpus/: an example of each thing the fuzzed formats can hold, built from
the seed campaign, so every harness starts from inputs that reach deep into its reader.

    .venv/bin/python tools/make_fuzz_corpus.py      (needs ntmkit installed in .venv)

Run again when a format gains members; scripts/fuzz.sh copies the files into its corpora."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ntmkit

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed"
OUT = ROOT / "tests" / "fuzz" / "corpus"


def write(harness: str, name: str, data) -> None:
    (OUT / harness).mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    (OUT / harness / name).write_text(text, encoding="utf-8")


def campaign_with_everything() -> dict:
    """The seed campaign with support, funds, drives and a unit valid for part of the window:
    the optional members campaign files may carry (docs/format.md)."""
    full = json.loads((SEED / "campaign.json").read_text(encoding="utf-8"))
    support = json.loads((SEED / "support.json").read_text(encoding="utf-8"))
    full["support"] = support["support"]
    full["funds"] = support["funds"]
    full["drives"] = [
        {"id": "xa_45", "name_vi": "Đợt cao điểm 45 ngày", "name_en": "45-day peak drive",
         "unit": "xa", "first": "2022-04-15", "last": "2022-05-30",
         "targets": [{"indicator": "hang_rao_xanh", "value": 140, "basis": "official"}]},
        {"id": "cam_trang_30", "unit": "cam_trang", "first": "2022-04-20", "last": "2022-05-20",
         "targets": [{"indicator": "vuon_sinh_thai", "value": 1}], "illustrative": True},
    ]
    return full


def main() -> None:
    full = campaign_with_everything()
    campaign = ntmkit.Campaign.from_json(json.dumps(full, ensure_ascii=False))  # it must load
    write("campaign_json", "seed_everything.json", full)

    campaign.load_progress_csv(str(SEED / "progress.csv"))
    day = dt.date(2022, 5, 6)
    write("dhis2_json", "seed_cumulative.json", campaign.to_dhis2(day))
    mapping = {"format": "ntmkit-dhis2-mapping", "format_version": 1, "dataSet": "ntmSeedSet1",
               "dataElements": {"hang_rao_xanh": "deHedge0001"},
               "orgUnits": {"cam_trang": "ouCamTrang1", "hop_phat": "ouHopPhat01"}}
    mapped = campaign.to_dhis2(day, mapping, "village")
    write("dhis2_json", "seed_mapped_pair.json", [mapping, mapped])

    table = ntmkit.GradingTable("xep-loai", name="Xếp loại 2022", year=2022)
    table.add_component("dot1", "Đợt cao điểm", "Peak drive", weight=3,
                        source="campaign_completion")
    table.add_component("ho_tro", "Hỗ trợ", "Support given", weight=1, source="support_given")
    table.add_completion("dot1", campaign.rank_units(day, level="village"))
    write("grading_json", "seed_grading.json", json.loads(table.to_json_text()))


if __name__ == "__main__":
    main()
