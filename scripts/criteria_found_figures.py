"""Figures of found-2026-12.json (criteria-sources) carried into the converted criteria sets.

Each figure has a source address, a quote and a stated confidence. A figure for a threshold slot
of a shipped set keeps its `source` and `confidence` on that slot: an empty slot takes the figure
(unverified when the research says the value is a reading, `op_as_printed` or a `note`), a known
one keeps its value and records a disagreement in its note. Figures that name no slot (counts,
variant definitions) go to the set's notes with their source. Sets not shipped (QĐ 1980, the
nâng cao electricity figures, statistics, targets) are left out and listed by the caller.
QĐ 319/QĐ-TTg (model commune) is built here from its three known conditions; nothing else of it
is filled in.
"""
import re

# found-2026-12 set id -> shipped set id
SET_OF = {"qd318-2022-xa": "qd318-2022-xa", "hatinh-vuon-mau": "hatinh-vuon-mau",
          "hatinh-tieu-chi-20": "hatinh-xa-ntm-20", "qd51-2025-xa": "qd51-2025-xa"}
KIND_OF_OP = {">=": "at_least", "<=": "at_most", "==": "equals"}
# Criterion 5's sub-rates (5a, 5b, 5c) are parts of the composite yes/no item "5".
CODE_ALIAS = {"5a": "5", "5b": "5", "5c": "5"}


def figure_text(f):
    return f"{f['indicator']} {f['op']} {f['value']} {f['unit']}: \"{f['quote']}\""


def is_reading(f):
    """True when the value is the research's reading rather than the source's words."""
    return "op_as_printed" in f or "note" in f


def indicator_code(f):
    m = re.match(r"(\d+(?:\.\d+)?[a-z]?)\b", f["indicator"])
    return CODE_ALIAS.get(m.group(1), m.group(1)) if m else None


def find_indicator(out_set, f):
    """The indicator a figure names by code (14.1, 5a), or else the one of its criterion ("3 Sản
    phẩm vườn") whose known figure is the same number."""
    code = indicator_code(f)
    criterion = f["criterion"].split()[0]
    for g in out_set["groups"]:
        for c in g["criteria"]:
            for i in c["indicators"]:
                general = i["threshold"]["general"] or {}
                if i["code"] == code or (code is None and c["code"] == criterion
                                         and general.get("value") == f["value"]):
                    return i
    return None


def place(slot, f):
    """Puts figure f into one threshold slot; returns True when it fits the slot."""
    kind = KIND_OF_OP.get(f["op"])
    numeric = slot["kind"] != "achieved"
    if numeric and slot["value"] is None:
        if kind != slot["kind"]:
            return False
        slot.update(value=f["value"], text_vi=f["quote"], verified=not is_reading(f))
    elif numeric and slot["value"] != f["value"]:
        slot["note"] = "; ".join(filter(None, [slot.get("note"), "Found 2026-12 disagrees: "
                                              + figure_text(f)]))
    elif not numeric:
        # A composite yes/no item: the figure is one part of its wording.
        slot["note"] = "; ".join(filter(None, [slot.get("note"), "Part: " + figure_text(f)]))
    slot["source"] = f["source"]
    slot["confidence"] = f["confidence"]
    if f.get("note"):
        slot["note"] = "; ".join(filter(None, [slot.get("note"), f["note"]]))
    return True


def apply_found(sets, found):
    """Carries found figures into `sets` (id -> converted set); returns the figures left out."""
    left_out = []
    for f in found:
        target = sets.get(SET_OF.get(f["set"], ""))
        if target is None:
            left_out.append(f)
            continue
        ind = find_indicator(target, f)
        placed = False
        if ind is not None:
            regions = ([v["id"] for v in target["variants"] if v["same_as"] is None]
                       if f["region"] == "all_regions" else [f["region"]])
            slots = [ind["threshold"]["variants"].get(r) for r in regions]
            if target["variant_kind"] == "none":
                slots = [ind["threshold"]["general"]]
            placed = all(s is not None and place(s, f) for s in slots)
        if not placed:
            target["notes"].append(f"Found 2026-12 ({f['confidence']}): {figure_text(f)} "
                                   f"(source: {f['source']})")
    return left_out


def condition(code, name_vi, name_en, f):
    kind = KIND_OF_OP[f["op"]]
    return {
        "code": code, "name_vi": name_vi, "name_en": name_en,
        "met_rule": {"kind": "all_indicators"}, "indicators_complete": True,
        "source_urls": [f["source"]],
        "notes": ["The quoted sentence is the whole condition as the news renders it."],
        "indicators": [{
            "code": code + ".1", "code_inferred": True, "content_vi": f["indicator"],
            "content_source": f["source"], "points": None,
            "threshold": {"general": {"kind": kind, "value": f["value"], "unit": f["unit"],
                                      "text_vi": f["quote"], "verified": not is_reading(f),
                                      "source": f["source"], "confidence": f["confidence"]},
                          "variants": {}},
            "source_urls": [f["source"]] + ([f["corroboration"]] if "corroboration" in f else []),
            "source_type": "national news rendering of the decision", "notes": []}],
    }


NAMES_319 = {
    "2": ("Thu nhập bình quân đầu người", "Income per person"),
    "3": ("Mô hình thôn thông minh", "Smart village model"),
    "4": ("Lĩnh vực nổi trội", "Outstanding field"),
}


def convert_319(found):
    """QĐ 319/QĐ-TTg (8/3/2022), model NTM commune 2021-2025, as far as found-2026-12 knows it."""
    figures = [f for f in found if f["set"] == "qd319-2022-xa-kieu-mau"]
    criteria = []
    for f in figures:
        code = f["criterion"].split()[-1]
        criteria.append(condition(code, *NAMES_319[code], f))
    urls = sorted({f["source"] for f in figures} | {f["corroboration"] for f in figures
                                                     if "corroboration" in f})
    return {
        "format": "ntmkit-criteria", "format_version": 1,
        "id": "qd319-2022-xa-kieu-mau",
        "title_vi": "Quy định xã nông thôn mới kiểu mẫu giai đoạn 2021-2025",
        "title_en": "Model new-rural (NTM kiểu mẫu) communes, 2021-2025",
        "scope": "commune",
        "period": {"from": 2021, "to": 2025},
        "based_on": None,
        "structure_verified": False,
        "criteria_complete": False,
        "stated_counts": {"groups": None, "criteria": None, "indicators": None},
        "source": {
            "document_vi": "Quyết định 319/QĐ-TTg",
            "title_vi": None, "annex_vi": None, "signer_vi": None,
            "date": "2022-03-08", "effective_date": None,
            "primary_text_obtained": False,
            "urls": urls + ["https://baonghean.vn/bo-tieu-chi-nong-thon-moi-tag9268.html"],
            "notes": ["Decisions 318, 319, 320 and 321 are dated 8/3/2022 (baonghean.vn)."],
        },
        "variant_kind": "none",
        "variants": [],
        "notes": [
            "Only conditions 2, 3 and 4 were found (news renderings of the decision). The other "
            "conditions, among them what the commune must already be (presumably xã NTM nâng "
            "cao, not confirmed), are missing: criteria_complete false. Condition 2 compares "
            "with the nâng cao income threshold, which is not shipped.",
        ],
        "groups": [{"id": "dieu_kien", "name_vi": None, "name_en": None, "source_urls": [],
                    "notes": [], "criteria": criteria}],
    }
