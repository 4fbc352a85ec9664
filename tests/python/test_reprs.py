"""What an analyst sees at the prompt: reprs that say what an object is and its headline
figures, and notebook HTML for rankings and allocations."""
import datetime as dt
import re

import ntmkit

FRIDAY = dt.date(2022, 5, 6)


def test_rollup_repr_gives_the_day_period_size_and_root_statuses(seed_with_progress, seed_json):
    r = seed_with_progress.rollup(FRIDAY)
    text = repr(r)
    # 15/4..6/5 inclusive is 16 + 6 = 22 days; the week 30/4..6/5 is its period.
    head = (f"Rollup({seed_json['id']} as of 2022-05-06, day 22 of 46, period "
            f"2022-04-30..2022-05-06; {len(seed_json['units'])} units × "
            f"{len(seed_json['indicators'])} indicators; xa: ")
    assert text.startswith(head)
    counts = [int(n) for n in re.findall(r"(\d+) [a-z_]+", text[len(head):])]
    assert sum(counts) == len(seed_json["indicators"])


def test_allocation_repr_and_html_list_the_shares(seed, seed_json):
    a = seed.propose_allocation("cam_trang", "hang_rao_xanh")
    target = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    groups = [u["id"] for u in seed_json["units"] if u.get("parent") == "cam_trang"]
    text = repr(a)
    assert text.startswith(f"Allocation(hang_rao_xanh of cam_trang, proportional, total "
                           f"{target[('cam_trang', 'hang_rao_xanh')]:g}: {groups[0]} ")
    assert a._repr_html_().count("<tr>") == len(groups) + 1  # header + one row per group


def test_ranking_repr_names_the_level_lists_and_the_top_units(seed_with_progress, seed_json):
    r = seed_with_progress.rank_units("30/5/2022", level="village")
    villages = [u for u in seed_json["units"] if u["level"] == "village"]
    lines = repr(r).splitlines()
    assert lines[0].startswith(f"CampaignRanking(village as of 2022-05-30: {len(villages)} "
                               "ranked, 0 unscored, capped at 100%; commend ")
    best = r.ranked[0]
    assert lines[1] == f"    1. {best.name} ({best.id}) score {best.score:.3f}"
    assert lines[-1] == f"  … {len(villages) - 5} more"
    assert r._repr_html_().count("<tr>") == len(villages) + 1


def test_snapshot_diff_repr_counts_what_arrived_late(seed_with_progress, csv_rows):
    d = seed_with_progress.compare_with_now(FRIDAY)
    late = sum(1 for r in csv_rows
               if r["date"] <= FRIDAY < r["reported"] and r["supersedes"] is None)
    assert late > 0
    assert repr(d).startswith(f"SnapshotDiff(report of 2022-05-06 vs now: {late} late")
    assert f"; {len(d.changes)} cells changed" in repr(d)
    none = seed_with_progress.compare_with_now("15/4/2022", known_now="15/4/2022")
    assert repr(none) == "SnapshotDiff(report of 2022-04-15 vs 2022-04-15: no change)"
