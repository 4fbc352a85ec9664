#!/usr/bin/env python3
"""Convert the research extracts in shared/criteria-sources into ntmkit criteria files.

Usage: convert_criteria_sources.py <criteria-sources dir> <output dir (data/criteria)>

The extracts are secondary sources; this script only reshapes them. It never fills a value the
extract leaves null, carries `verified` per threshold, and fails if any URL of the extracts is
missing from the output. Choices made here (comparison kind, split of a text into value + unit)
are listed in KIND below and documented in docs/criteria.md.
"""
import copy
import json
import re
import sys
from pathlib import Path

from criteria_found_figures import apply_found, convert_319

FORMAT = {"format": "ntmkit-criteria", "format_version": 1}

# QĐ 318 indicator code -> (comparison kind, unit). The extract gives text only; the kind is read
# from that text ("≥80%" -> at_least percent) or, with no value seen, from what the indicator
# measures (a yes/no item -> achieved).
KIND = {
    "1.1": ("achieved", None),
    "3.1": ("at_least", "percent"),
    "3.2": ("achieved", None),
    "5": ("achieved", None),  # composite text per region: the unit checks it and reports Đạt
    "8.1": ("achieved", None),
    "8.2": ("achieved", None),
    "8.3": ("achieved", None),
    "8.4": ("achieved", None),
    "10": ("at_least", "million_vnd_per_person"),
    "14.1": ("achieved", None),  # composite text (≥98% into grade 1 and three standards)
    "15.2": ("at_most", "percent"),  # stunting rate: a maximum, although the source prints ≥
    "15.3": ("at_least", "percent"),
    "17.1": ("at_least", "percent"),
    "19.2": ("achieved", None),
}

CRITERION_EN_318 = {
    1: "Planning", 2: "Transport", 3: "Irrigation and natural disaster prevention",
    4: "Electricity", 5: "Schools", 6: "Cultural facilities",
    7: "Rural commercial infrastructure", 8: "Information and communications",
    9: "Residential housing", 10: "Income", 11: "Multidimensional poverty", 12: "Labour",
    13: "Production organisation and rural economic development",
    14: "Education and training", 15: "Health", 16: "Culture",
    17: "Environment and food safety", 18: "Political system and access to law",
    19: "National defence and security",
}
GROUP_IDS_318 = {
    "Quy hoạch": ("quy_hoach", "Planning"),
    "Hạ tầng kinh tế - xã hội": ("ha_tang_kinh_te_xa_hoi", "Socio-economic infrastructure"),
    "Kinh tế và tổ chức sản xuất": ("kinh_te_va_to_chuc_san_xuat", "Economy and production"),
    "Văn hóa - Xã hội - Môi trường": ("van_hoa_xa_hoi_moi_truong",
                                      "Culture, society and environment"),
    "Hệ thống chính trị": ("he_thong_chinh_tri", "Political system"),
}
CRITERION_EN_51 = {
    1: "Planning", 2: "Socio-economic infrastructure", 3: "Rural economic development",
    4: "Rural human resource training", 5: "Culture, education, health",
    6: "Poverty reduction and social security", 7: "Science, technology and digital transformation",
    8: "Rural environment and landscape", 9: "Political system and public administration",
    10: "Access to law, security and defence",
}
KDC_EN = [
    "Housing and auxiliary works", "Household garden and livestock facilities", "Fences",
    "Roads", "Village cultural house and sports ground", "Electricity",
    "Culture, education, health", "Environmental sanitation",
    "Political system, security and social order",
    "Respect for law, village rules and organisations' regulations",
]


# URLs listed in SOURCES.md but absent from the JSON extracts.
GUIDANCE_318 = (
    "Sector guidance exists but the stored copies hold no xã-level thresholds (SOURCES.md): "
    "CV 2251/BTNMT-KSONMT (https://thuviennhadat.vn/vbpl/cong-van-2251-btnmt-ksonmt-2024-hop-nhat-"
    "huong-dan-thuc-hien-bo-tieu-chi-nong-thon-moi-635375.html), HD 1064/HD-BVHTTDL "
    "(https://luatvietnam.vn/van-hoa/huong-dan-1064-hd-bvhttdl-219080-d6.html), QĐ 932/QĐ-BGTVT "
    "(https://thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/thong-bao-van-ban-moi/email/41731/"
    "huong-dan-tieu-chi-ve-giao-thong-cua-huyen-nong-thon-moi).")
CORROBORATION_51 = "https://baophapluat.vn/chuyen-muc/xa-hoi-nong-thon-moi.html"
VUON_EN = ["Garden plan, and following it", "Application of technical advances",
           "Garden products", "Environment and landscape"]


def dmy_to_iso(text):
    d, m, y = text.split("/")
    return f"{y}-{int(m):02d}-{int(d):02d}"


def notes(*items):
    return [n for n in items if n]


def threshold_value(kind, unit, text, verified, note=None):
    """One threshold slot. value null = not seen in a source."""
    value = None
    if text is not None:
        if kind == "achieved":
            value = True
        else:
            # The figure is the first percentage ("(4 nội dung) ... ≥ 80%" -> 80).
            numbers = re.findall(r"(\d+(?:\.\d+)?)\s*%", text)
            value = float(numbers[0])
            if value.is_integer():
                value = int(value)
    out = {"kind": kind, "value": value, "unit": unit, "text_vi": text, "verified": verified}
    if note:
        out["note"] = note
    return out


def convert_318_indicator(ind, regions):
    code = ind["code"]
    kind, unit = KIND[code]
    fields = " ".join(ind["verified_fields"])
    all_regions = "by_region (all 7)" in fields

    def is_verified(slot):
        return ind["verified"] and (slot in fields or (slot.startswith("by_region.") and all_regions))

    note_15_2 = ("Figure as printed in the source, which prints '≥' for a stunting rate; ntmkit "
                 "reads it as a maximum (≤). The comparison is therefore an interpretation: "
                 "unverified until checked against the annex.")
    general = threshold_value(kind, unit, ind["general"], is_verified("general"))
    variants = {}
    for region in regions:
        text = ind["by_region"][region]
        verified = is_verified("by_region." + region)
        note = None
        if code == "15.2" and text is not None:
            verified, note = False, note_15_2
        variants[region] = threshold_value(kind, unit, text, verified, note)
    return {
        "code": code,
        "code_inferred": ind["code_inferred"],
        "content_vi": ind["content_vi"],
        "content_source": ind["content_source_url"],
        "points": None,
        "threshold": {"general": general, "variants": variants},
        "source_urls": [ind["source_url"]] if ind["source_url"] else [],
        "source_type": ind["source_type"],
        "notes": notes(ind["notes"]),
    }


def convert_318(src):
    s = src["source"]
    regions = list(s["regions_vi"])
    groups = []
    for name in s["groups_vi"]:
        gid, gen = GROUP_IDS_318[name]
        groups.append({"id": gid, "name_vi": name, "name_en": gen,
                       "source_urls": [s["groups_source"]], "notes": [], "criteria": []})
    by_name = {g["name_vi"]: g for g in groups}
    for c in src["criteria"]:
        n = c["number"]
        urls = [c["name_source_url"]]
        if c["group_source_url"] not in urls:
            urls.append(c["group_source_url"])
        by_name[c["group"]]["criteria"].append({
            "code": str(n),
            "name_vi": c["name_vi"],
            "name_en": CRITERION_EN_318[n],
            "met_rule": {"kind": "all_indicators"},
            # Only criteria 5 (one indicator, coded "5" in the source) and 8 ("gồm 4 chỉ tiêu")
            # have a source-confirmed indicator list.
            "indicators_complete": n in (5, 8),
            "source_urls": urls,
            "notes": notes(c.get("notes"), c.get("group_note")),
            "indicators": [convert_318_indicator(i, regions) for i in c["indicators"]],
        })
    variants = [{"id": r, "name_vi": name, "same_as": None, "definition_vi": None,
                 "source_urls": []} for r, name in s["regions_vi"].items()]
    variants.append({
        "id": "xa_dbkk_atk",
        "name_vi": "Xã đặc biệt khó khăn, xã an toàn khu thuộc huyện nghèo và huyện vừa thoát "
                   "nghèo giai đoạn 2018 - 2020",
        "same_as": "trung_du_mien_nui_phia_bac",
        "definition_vi": s["special_rule_vi"],
        "source_urls": [s["special_rule_source"]],
    })
    summary = src["summary"]
    return {
        **FORMAT,
        "id": "qd318-2022-xa",
        "title_vi": "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025",
        "title_en": "National criteria for new-rural (NTM) communes, 2021-2025",
        "scope": "commune",
        "period": {"from": 2021, "to": 2025},
        "based_on": None,
        "structure_verified": True,
        "criteria_complete": True,
        "stated_counts": {"groups": 5, "criteria": 19, "indicators": None},
        "source": {
            "document_vi": s["decision"],
            "title_vi": s["title_vi"],
            "annex_vi": s["annex"],
            "signer_vi": s["signer"],
            "date": "2022-03-08",
            "effective_date": dmy_to_iso(s["effective_date"]),
            "primary_text_obtained": s["primary_annex_text_obtained"],
            "urls": s["evidence_urls"],
            "notes": notes(s["extraction_note"], summary.get("caveat"), GUIDANCE_318),
        },
        "variant_kind": "region",
        "variants": variants,
        "notes": [
            "Criterion is met when all its indicators are met (met_rule all_indicators); most "
            "indicator lists are incomplete (indicators_complete false), so such criteria evaluate "
            "as unknown until the missing indicators are added or the criterion is assessed "
            "directly.",
            "A threshold variant with value null falls back to the general value (chỉ tiêu "
            "chung) when that is known.",
        ],
        "groups": groups,
    }


def convert_51(src):
    s = src["source"]
    groups_vi = src["commune_groups_vi"]
    variants = [{"id": g, "name_vi": "Xã nhóm " + g[-1], "same_as": None,
                 "definition_vi": groups_vi[g], "source_urls": [groups_vi["source_url"]]}
                for g in ("xa_nhom_1", "xa_nhom_2", "xa_nhom_3")]
    criteria = []
    for c in src["criteria"]:
        assert all(v is None for v in c["thresholds_by_group"].values())
        criteria.append({
            "code": str(c["number"]),
            "name_vi": c["name_vi"],
            "name_en": CRITERION_EN_51[c["number"]],
            "met_rule": {"kind": "all_indicators"},
            "indicators_complete": False,
            "source_urls": [c["name_source_url"]],
            "notes": ["Indicators and thresholds per commune group (xa_nhom_1..3) not obtained "
                      "(Phụ lục I not retrievable); add them or assess the criterion directly."],
            "indicators": [],
        })
    a = src["annexes_vi"]
    rel = src["related"]
    return {
        **FORMAT,
        "id": "qd51-2025-xa",
        "title_vi": "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030",
        "title_en": "National criteria for new-rural (NTM) communes, 2026-2030",
        "scope": "commune",
        "period": {"from": 2026, "to": 2030},
        "based_on": None,
        "structure_verified": True,
        "criteria_complete": True,
        "stated_counts": {"groups": None, "criteria": src["counts"]["criteria"],
                          "indicators": src["counts"]["indicators"]},
        "source": {
            "document_vi": s["decision"],
            "title_vi": s["title_vi"],
            "annex_vi": a["phu_luc_I"],
            "signer_vi": s["signer"],
            "date": "2025-12-29",
            "effective_date": dmy_to_iso(s["effective_date"]),
            "primary_text_obtained": s["primary_annex_text_obtained"],
            "urls": [s["full_text_url"], s["effective_date_source"], *src["counts"]["source_urls"],
                     CORROBORATION_51],
            "notes": notes(
                s["extraction_note"],
                "Căn cứ: " + "; ".join(s["legal_basis_vi"]),
                "Phụ lục II: " + a["phu_luc_II"] + ". Phụ lục III: " + a["phu_luc_III"]
                + " (source: " + a["source_url"] + ")",
                groups_vi["note"],
                "Unknown: " + "; ".join(src["unknown"]),
                "Draft: " + rel["draft_2025"] + " (source: " + rel["draft_source_url"] + ")",
            ),
        },
        "variant_kind": "commune_group",
        "variants": variants,
        "notes": ["The decision lists 10 criteria without grouping; they are shipped in one "
                  "unnamed group."],
        "groups": [{"id": "tieu_chi", "name_vi": None, "name_en": None, "source_urls": [],
                    "notes": [], "criteria": criteria}],
    }


def hatinh_context(src):
    return [f"{c['fact']} (source: {c['source_url']})" for c in src["context_vi"]]


def simple_criterion(code, name_vi, name_en, urls, indicators, complete, note=None):
    return {"code": code, "name_vi": name_vi, "name_en": name_en,
            "met_rule": {"kind": "all_indicators"}, "indicators_complete": complete,
            "source_urls": urls, "notes": notes(note), "indicators": indicators}


def simple_indicator(code, content, kind, unit, text, verified, urls, note=None):
    return {"code": code, "code_inferred": True, "content_vi": content,
            "content_source": urls[0], "points": None,
            "threshold": {"general": threshold_value(kind, unit, text, verified), "variants": {}},
            "source_urls": urls, "source_type": "provincial news / commune Q&A",
            "notes": notes(note)}


def no_variants():
    return {"variant_kind": "none", "variants": []}


def convert_kdc(src):
    k = src["b_khu_dan_cu_nong_thon_moi_kieu_mau"]
    v14 = k["version_2014_tam_thoi"]
    current = k["version_in_force_2022"]
    urls = v14["source_urls"]
    criteria = []
    for i, (name, en) in enumerate(zip(v14["criteria_vi"], KDC_EN), start=1):
        indicators = []
        if name == "Hàng rào":
            indicators.append(simple_indicator(
                f"{i}.1", "Tỷ lệ hàng rào cây xanh hoặc hàng rào khác được phủ cây xanh",
                "at_least", "percent", v14["thresholds_seen_vi"]["hang_rao"], True, urls))
        criteria.append(simple_criterion(str(i), name, en, urls, indicators, False))
    return {
        **FORMAT,
        "id": "hatinh-kdc-kieu-mau-2014",
        "title_vi": "Bộ tiêu chí Khu dân cư nông thôn mới kiểu mẫu tỉnh Hà Tĩnh (ban hành tạm "
                    "thời, 2014)",
        "title_en": "Hà Tĩnh model residential area criteria (provisional, 2014)",
        "scope": "residential_area",
        "period": {"from": 2014, "to": None},
        "based_on": None,
        "structure_verified": v14["verified"],
        "criteria_complete": True,
        "stated_counts": {"groups": None, "criteria": 10, "indicators": None},
        "source": {
            "document_vi": "Quyết định ban hành tạm thời Bộ tiêu chí Khu dân cư NTM kiểu mẫu "
                           "(số quyết định chưa tìm thấy)",
            "title_vi": None, "annex_vi": None,
            "signer_vi": v14["issued_by"],
            "date": None, "effective_date": None,
            "primary_text_obtained": False,
            "urls": urls,
            "notes": notes("News dates: " + ", ".join(v14["news_dates"]), v14["caveat"],
                           "Version in force in 2022: " + current["notes"] + " ("
                           + current["source_url"] + ")", *hatinh_context(src)),
        },
        **no_variants(),
        "notes": [*v14["rules_vi"],
                  "Point scores of the provincial set were not found (point_scores null)."],
        "groups": [{"id": "tieu_chi", "name_vi": None, "name_en": None, "source_urls": [],
                    "notes": [], "criteria": criteria}],
    }


def convert_vuon(src):
    v = src["b_vuon_mau"]
    urls = [v["source_url"]]
    criteria = []
    for c in v["criteria_vi"]:
        n = c["no"]
        inds = []
        for j, text in enumerate(c["contents"], start=1):
            code = f"{n}.{j}"
            if "75%" in text:
                inds.append(simple_indicator(code, text, "at_least", "percent", text, True, urls))
            elif "80%" in text:
                inds.append(simple_indicator(
                    code, "Tỷ lệ hàng rào xanh", "at_least", "percent", text, True, urls,
                    "Criterion 4 has 4 contents per the source; only 2 were stored."))
            elif "cut off" in text:
                inds.append(simple_indicator(code, text, "at_least", "percent", None, False, urls,
                                             "Wording and value cut off in the stored source."))
            else:
                inds.append(simple_indicator(code, text, "achieved", None, text, True, urls))
        criteria.append(simple_criterion(str(n), c["name"], VUON_EN[n - 1], urls, inds, n != 4))
    return {
        **FORMAT,
        "id": "hatinh-vuon-mau",
        "title_vi": "Bộ tiêu chí Vườn mẫu tỉnh Hà Tĩnh",
        "title_en": "Hà Tĩnh model garden criteria",
        "scope": "garden",
        "period": {"from": None, "to": None},
        "based_on": None,
        "structure_verified": v["verified"],
        "criteria_complete": False,
        "stated_counts": {"groups": None, "criteria": None, "indicators": None},
        "source": {
            "document_vi": v["issuer_vi"] + " (số, ngày quyết định chưa tìm thấy)",
            "title_vi": None, "annex_vi": None, "signer_vi": None,
            "date": None, "effective_date": None,
            "primary_text_obtained": False,
            "urls": urls,
            "notes": notes(v["caveat"], "Further criteria: " + v["further_criteria"],
                           *hatinh_context(src)),
        },
        **no_variants(),
        "notes": ["Only criteria 1-4 were seen; the set may have more (criteria_complete false)."],
        "groups": [{"id": "tieu_chi", "name_vi": None, "name_en": None, "source_urls": [],
                    "notes": [], "criteria": criteria}],
    }


def convert_20(src, qd318):
    a = src["a_provincial_ntm_commune_criteria_20th"]
    out = copy.deepcopy(qd318)
    out.update({
        "id": "hatinh-xa-ntm-20",
        "title_vi": "Bộ 20 tiêu chí xã nông thôn mới Hà Tĩnh (19 tiêu chí QĐ 318 + tiêu chí 20 "
                    "Khu dân cư mẫu, vườn mẫu) [chưa xác minh]",
        "title_en": "Hà Tĩnh '20/20' commune set: the 19 national criteria plus criterion 20 "
                    "(model residential area, model garden) [unverified]",
        "based_on": "qd318-2022-xa",
        "structure_verified": False,
        "stated_counts": {"groups": None, "criteria": 20, "indicators": None},
    })
    out["source"] = {
        "document_vi": "Quyết định số 05 của UBND tỉnh Hà Tĩnh (nêu trong bài viết gốc; không "
                       "tìm thấy văn bản)",
        "title_vi": None, "annex_vi": None, "signer_vi": None,
        "date": a["decision_date"], "effective_date": None,
        "primary_text_obtained": False,
        "urls": a["source_urls"] + qd318["source"]["urls"],
        "notes": notes(a["what_was_verified_vi"], a["notes"], *hatinh_context(src)),
    }
    out["notes"] = [
        "UNVERIFIED: reading of the seed's '20/20 tiêu chí theo QĐ 05 của UBND tỉnh' as the 19 "
        "criteria of QĐ 318/QĐ-TTg plus Hà Tĩnh's 'tiêu chí 20 – Khu dân cư mẫu, vườn mẫu'. The "
        "provincial decision was not found; its criteria, grouping and thresholds may differ.",
        *qd318["notes"],
    ]
    out["groups"].append({
        "id": "hatinh", "name_vi": None, "name_en": None, "source_urls": a["source_urls"],
        "notes": ["Group of the provincial criterion is unknown; kept apart from the national "
                  "groups."],
        "criteria": [simple_criterion(
            "20", "Khu dân cư mẫu, vườn mẫu", "Model residential area, model garden",
            a["source_urls"], [], False,
            "Content not found (criterion_20_content null). Related sets: "
            "hatinh-kdc-kieu-mau-2014, hatinh-vuon-mau.")],
    })
    return out


def urls_in(value):
    return set(re.findall(r"(?:https?://|\b118\.69)[^\s'\"()]+", json.dumps(value,
                                                                          ensure_ascii=False)))


def main(src_dir, out_dir):
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    load = lambda name: json.loads((src_dir / name).read_text(encoding="utf-8"))
    s318, s51, sht = load("qd318_2022.json"), load("qd51_2025.json"), load("hatinh.json")
    found = load("found-2026-12.json")
    q318 = convert_318(s318)
    sets = [q318, convert_51(s51), convert_kdc(sht), convert_vuon(sht)]
    # Found figures go in before criterion 20's set copies QĐ 318, so the copy carries them.
    before_20 = [f for f in found if f["set"] != "hatinh-tieu-chi-20"]
    left_out = apply_found({s["id"]: s for s in sets}, before_20)
    sets.append(convert_20(sht, q318))
    left_out += apply_found({sets[-1]["id"]: sets[-1]},
                            [f for f in found if f["set"] == "hatinh-tieu-chi-20"])
    sets.append(convert_319(found))
    left_out = [f for f in left_out if f["set"] != "qd319-2022-xa-kieu-mau"]
    print(f"found-2026-12: {len(found) - len(left_out)} figures used, {len(left_out)} left out "
          "(sets not shipped: " + ", ".join(sorted({f["set"] for f in left_out})) + ")")

    produced = set().union(*(urls_in(s) for s in sets))
    used = [f for f in found if f not in left_out]
    missing = (urls_in(s318) | urls_in(s51) | urls_in(sht) | urls_in(used)) - produced
    # A URL quoted inside a longer note counts if the note was carried over verbatim.
    text = "".join(json.dumps(s, ensure_ascii=False) for s in sets)
    missing = {u for u in missing if u not in text}
    if missing:
        sys.exit("source URLs lost in conversion: " + ", ".join(sorted(missing)))

    out_dir.mkdir(parents=True, exist_ok=True)
    for s in sets:
        path = out_dir / (s["id"] + ".json")
        path.write_text(json.dumps(s, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main(*sys.argv[1:3])
