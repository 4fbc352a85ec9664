"""Writes campaign.json: the seed's campaign (../../../shared/seed, rendered in docs/seed.md).

Commune totals, dates, the Friday schedule, the four organisations and the villages named in
the seed are from the document. Everything else -- the other villages, every household
count, the household groups and the per-village split of the targets ("biểu kèm theo",
which the seed does not include) -- is invented for the example and marked so in the data
(`"illustrative": true` on units, `"basis": "illustrative"` on targets). So are the weeks of
the themed weeks (the seed names the themes only) and the Friday submissions.
Run: python3 make_seed_campaign.py > campaign.json
"""
import json
import random

rng = random.Random(20220415)

indicators = [
    ("khu_dan_cu_mau", "Khu dân cư mẫu", "Model residential area", "areas", "sum", 1),
    ("vuon_sinh_thai", "Vườn sinh thái", "Ecological garden", "gardens", "sum", 4),
    ("chinh_trang_vuon", "Hộ chỉnh trang vườn", "Households renovating their garden", "households", "distinct_households", 77),
    ("hang_rao_xanh", "Hộ trồng mới, bổ sung hàng rào xanh", "Households planting green hedges", "households", "distinct_households", 140),
    ("cong_ngo", "Hộ chỉnh trang cổng ngõ", "Households renovating gate and entrance", "households", "distinct_households", 65),
    ("ho_loc_nuoc_thai", "Hộ xây hố lắng lọc nước thải", "Households building a wastewater filter pit", "households", "distinct_households", 70),
    ("nha_ve_sinh", "Hộ xây nhà vệ sinh tự hoại", "Households building a septic-tank toilet", "households", "distinct_households", 38),
    ("chuong_trai", "Hộ xây, che chắn chuồng trại", "Households building or screening livestock pens", "households", "distinct_households", 50),
]

# (id, name, named in the seed?)
villages = [
    ("cam_trang", "Cẩm Trang", True),
    ("bong_giang_1", "Bồng Giang 1", True),
    ("bong_giang_2", "Bồng Giang 2", True),
    ("van_giang_1", "Văn Giang 1", False),
    ("van_giang_2", "Văn Giang 2", True),
    ("hop_phat", "Hợp Phát", True),
    ("trung_tien", "Trung Tiến", False),
    ("tan_phuc", "Tân Phúc", False),
    ("dong_hoa", "Đông Hòa", False),
    ("nam_thinh", "Nam Thịnh", False),
]
organisations = [
    ("hoi_nong_dan", "Hội Nông dân"),
    ("hoi_phu_nu", "Hội Phụ nữ"),
    ("hoi_cuu_chien_binh", "Hội Cựu chiến binh"),
    ("doan_thanh_nien", "Đoàn Thanh niên"),
]

units = [{"id": "xa", "name": "Xã (seed commune, Hà Tĩnh)", "level": "commune"}]
village_households = {}
for vid, name, named in villages:
    n_groups = rng.randint(4, 6)
    group_sizes = [rng.randint(28, 45) for _ in range(n_groups)]
    village_households[vid] = sum(group_sizes)
    units.append({"id": vid, "name": name, "level": "village", "parent": "xa",
                  "households": sum(group_sizes), **({} if named else {"illustrative": True})})
    for g, size in enumerate(group_sizes, 1):
        units.append({"id": f"{vid}_to_{g}", "name": f"Tổ liên gia {g}", "level": "household_group",
                      "parent": vid, "households": size, "illustrative": True})
for oid, name in organisations:
    units.append({"id": oid, "name": name, "level": "organisation", "parent": "xa"})


def split(total, weights):
    """Largest remainder, so the illustrative village targets add up to the seed's totals."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


targets = []
for iid, _, _, measure, _, total in indicators:
    targets.append({"unit": "xa", "indicator": iid, "value": total, "basis": "official"})
for oid, _ in organisations:
    targets.append({"unit": oid, "indicator": "vuon_sinh_thai", "value": 1, "basis": "official"})
for iid, _, _, measure, _, total in indicators:
    if measure != "households":
        continue
    # Uneven on purpose: the seed complains the movement was uneven across villages.
    weights = [village_households[v] * rng.uniform(0.6, 1.4) for v, _, _ in villages]
    for (vid, _, _), part in zip(villages, split(total, weights)):
        targets.append({"unit": vid, "indicator": iid, "value": part, "basis": "illustrative"})

# Themed weeks: the seed names the themes but not their dates, so each is placed on one Friday
# report week (Saturday to Friday) in the order the seed lists them -- illustrative.
themes = [
    ("tuan_hang_rao_xanh", "Tuần hàng rào xanh", "Green-hedge week",
     "2022-04-16", "2022-04-22", ["hang_rao_xanh"]),
    ("tuan_chinh_trang_vuon", "Tuần chỉnh trang vườn hộ", "Garden-renovation week",
     "2022-04-23", "2022-04-29", ["chinh_trang_vuon"]),
    ("tuan_ve_sinh", "Tuần phá bỏ nhà vệ sinh bất hợp lý, xây dựng hố xử lý nước thải",
     "Week for removing improper toilets and building wastewater pits",
     "2022-04-30", "2022-05-06", ["nha_ve_sinh", "ho_loc_nuoc_thai"]),
    ("tuan_chuong_trai", "Tuần che chắn chuồng trại chăn nuôi", "Livestock-pen week",
     "2022-05-07", "2022-05-13", ["chuong_trai"]),
]

# Friday reports received from the villages (illustrative): everyone on launch day; then a few
# late (after Friday, the deadline with deadline_days 0) and a few missing.
late = {("2022-04-22", "bong_giang_2"): "2022-04-23", ("2022-04-22", "nam_thinh"): "2022-04-25",
        ("2022-04-29", "van_giang_1"): "2022-04-30", ("2022-05-06", "cam_trang"): "2022-05-09"}
missing = {("2022-04-29", "hop_phat"), ("2022-05-06", "trung_tien")}
early = {("2022-05-06", "dong_hoa"): "2022-05-05"}
submissions = []
for period in ["2022-04-15", "2022-04-22", "2022-04-29", "2022-05-06"]:
    for vid, _, _ in villages:
        key = (period, vid)
        if key in missing:
            continue
        sub = {"unit": vid, "period": period,
               "submitted": late.get(key, early.get(key, period)), "reporter": "Thôn trưởng"}
        if key in late:
            sub["note"] = "nộp muộn"
        submissions.append(sub)

campaign = {
    "format": "ntmkit-campaign",
    "format_version": 1,
    "id": "ntm-cao-diem-2022",
    "name": "Đợt phát động thi đua cao điểm xây dựng NTM 15/4/2022 – 30/5/2022",
    "source": "Commune news article, 2022 (shared/seed/000_0fdbfda43e2b2541.txt)",
    "notes": [
        "Commune totals, window, Friday reporting, the four organisations' gardens and the "
        "villages Cẩm Trang, Bồng Giang 1 and 2, Văn Giang 2 and Hợp Phát are from the seed.",
        "ILLUSTRATIVE: the seed's per-village table is not published. Other villages, all "
        "household counts, the household groups and the per-village targets are invented for "
        "this example (units marked illustrative, targets with basis 'illustrative').",
        "The commune also keeps 20/20 criteria of provincial decision no. 05 (not found; see "
        "the criteria sets) -- evaluated separately, not a quota.",
    ],
    "window": {"first": "2022-04-15", "last": "2022-05-30"},
    "reporting": {"kind": "weekly", "day": "friday", "deadline_days": 0},
    "indicators": [
        {"id": i, "name_vi": vi, "name_en": en, "measure": m, "over_time": "sum", "over_units": ou}
        for i, vi, en, m, ou, _ in indicators
    ],
    "units": units,
    "targets": targets,
    "themes": [
        {"id": i, "name_vi": vi, "name_en": en, "first": first, "last": last, "indicators": inds,
         "note": "ILLUSTRATIVE dates: the seed names the theme, not its week.", "illustrative": True}
        for i, vi, en, first, last, inds in themes
    ],
    "progress": [],
    "submissions": submissions,
}
print(json.dumps(campaign, ensure_ascii=False, indent=2))
