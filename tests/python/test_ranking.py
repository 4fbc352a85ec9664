"""End-of-campaign ranking through Python: the same hand-checked villages as
tests/cpp/ranking.cpp.

            hedge /10   garden /4   capped score   total done
  A Thượng    10          4           1              14
  B Hạ        10          7           1              17
  C Trung      6          1           .425            7
  D Đoài       2          3           .475            5
  E Mới       no target               unscored
"""
import datetime as dt
import json
import math

import pytest

import ntmkit

END = dt.date(2022, 5, 30)


@pytest.fixture
def villages():
    units = [{"id": "xa", "name": "Xã Thử", "level": "commune"}]
    for vid, name in [("A", "Thôn Thượng"), ("B", "Thôn Hạ"), ("C", "Thôn Trung"),
                      ("D", "Thôn Đoài"), ("E", "Thôn Mới")]:
        units.append({"id": vid, "name": name, "level": "village", "parent": "xa",
                      "households": 10})
    done = {"A": (10, 4), "B": (10, 7), "C": (6, 1), "D": (2, 3)}
    targets, progress = [], []
    for vid, (hedge, garden) in done.items():
        targets += [{"unit": vid, "indicator": "hedge", "value": 10},
                    {"unit": vid, "indicator": "garden", "value": 4}]
        progress += [{"unit": vid, "indicator": "hedge", "date": "2022-05-02", "quantity": hedge},
                     {"unit": vid, "indicator": "garden", "date": "2022-05-02",
                      "quantity": garden}]
    doc = {
        "format": "ntmkit-campaign", "format_version": 1, "id": "rank", "name": "Ranking test",
        "window": {"first": "2022-04-15", "last": "2022-05-30"},
        "reporting": {"kind": "weekly", "day": "friday"},
        "indicators": [
            {"id": "hedge", "name_vi": "Hàng rào xanh", "name_en": "Green hedge",
             "measure": "households", "over_time": "sum", "over_units": "distinct_households"},
            {"id": "garden", "name_vi": "Vườn sinh thái", "name_en": "Ecological garden",
             "measure": "gardens", "over_time": "sum", "over_units": "sum"},
        ],
        "units": units, "targets": targets, "progress": progress,
    }
    return ntmkit.Campaign.from_json(json.dumps(doc))


def test_equal_scores_share_a_rank_and_the_next_rank_skips(villages):
    r = villages.rank_units(END, level="village", tie_break="cumulative_total")
    assert [s.id for s in r.ranked] == ["B", "A", "D", "C"]
    assert [s.rank for s in r.ranked] == [1, 1, 3, 4]
    assert r.ranked[2].score == pytest.approx(0.475)
    assert [u.id for u in r.unscored] == ["E"]


def test_weights_and_the_cap(villages):
    r = villages.rank_units(END, level="village", weights={"hedge": 3})
    assert [s.id for s in r.ranked] == ["A", "B", "C", "D"]
    assert r.ranked[2].score == pytest.approx(0.5125)
    r = villages.rank_units(END, level="village", cap_at_100=False)
    assert r.ranked[0].id == "B" and r.ranked[0].score == pytest.approx(1.375)
    with pytest.raises(ntmkit.ValidationError):
        villages.rank_units(END, level="village", weights={"toilet": 1})


def test_commend_and_remind_lists(villages):
    r = villages.rank_units(END, level="village", commend_top_k=1)
    assert r.commend == ["A", "B"]
    assert r.remind == ["D", "C"]
    r = villages.rank_units(END, level="village", commend_at_least=0.45, remind_below=0.45)
    assert r.commend == ["A", "B", "D"]
    assert r.remind == ["C"]


def test_evenness_matches_the_worked_example(villages):
    s = ntmkit._core.spread_of([0.2, 0.4, 0.6, 0.8])
    assert s.mean == pytest.approx(0.5)
    assert s.stddev == pytest.approx(math.sqrt(0.05))
    assert s.gini == pytest.approx(0.25)
    e = villages.rank_units(END, level="village").evenness
    assert e.mean == pytest.approx(0.725)
    assert e.gini == pytest.approx(4.5 / 23.2)
    assert e.cv == pytest.approx(math.sqrt(0.0759375) / 0.725)


def test_json_markdown_and_dataframes(villages):
    r = villages.rank_units(END, level="village", commend_top_k=1)
    j = r.to_json()
    assert j["level"] == "village" and j["tie_break"] == "none"
    assert j["commend"] == ["A", "B"]
    assert "47,5%" in r.to_markdown()
    assert "47.5%" in r.to_markdown("en")
    df = r.to_frame()
    assert list(df["id"]) == ["A", "B", "D", "C"]
    assert list(df["rank"]) == [1, 1, 3, 4]
    assert df.loc[df["id"] == "B", "ratio_garden"].iloc[0] == pytest.approx(1.75)
    ev = r.evenness_frame()
    assert ev.loc["score", "mean"] == pytest.approx(0.725)
    assert ev.loc["hedge", "mean"] == pytest.approx(0.7)


def test_per_indicator_spread_over_the_ranked_units(villages):
    # Capped completion per indicator: hedge 1, 1, .6, .2; garden 1, 1, .25, .75.
    r = villages.rank_units(END, level="village")
    per = {p.id: p for p in r.per_indicator}
    assert set(per) == {"hedge", "garden"}
    assert per["hedge"].indicator == villages.indicator_at("hedge")
    h, g = per["hedge"].stats, per["garden"].stats
    assert (h.count, g.count) == (4, 4)
    assert h.mean == pytest.approx(0.7) and g.mean == pytest.approx(0.75)
    assert (h.min, h.max) == (pytest.approx(0.2), 1.0)
    assert (g.min, g.max) == (pytest.approx(0.25), 1.0)
    # Population σ of hedge: deviations .3 .3 -.1 -.5 → (0.09 + 0.09 + 0.01 + 0.25) / 4.
    assert h.stddev == pytest.approx(math.sqrt(0.11))


def test_final_report_ranks_the_seed_villages_as_worked_out_by_hand(seed_with_progress,
                                                                    seed_json, expected):
    c = seed_with_progress
    end = c.last
    cum = expected.cumulative(end)
    villages = [u["id"] for u in seed_json["units"] if u["level"] == "village"]
    own = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    score = {}
    for v in villages:  # equal weights, each quota counted at most 100%
        ratios = [min(cum.get((v, i), 0.0) / t, 1.0) for (u, i), t in own.items()
                  if u == v and t > 0]
        if ratios:
            score[v] = sum(ratios) / len(ratios)
    assert len(score) >= 8
    lo, hi = sorted(score.values())[1], sorted(score.values())[-2]
    fin = c.final_report(commend_at_least=hi, remind_below=lo)
    rk = fin.ranking
    assert {s.id: s.score for s in rk.ranked} == pytest.approx(score)
    key = {v: round(x * 1e9) for v, x in score.items()}
    # Best first, equal scores in tree order; a rank is 1 + the number of better scores.
    by_score = sorted(score, key=lambda v: (-key[v], villages.index(v)))
    assert [s.id for s in rk.ranked] == by_score
    assert [s.rank for s in rk.ranked] == \
        [1 + sum(key[w] > key[v] for w in score) for v in by_score]
    assert len({s.rank for s in rk.ranked}) < len(score)  # the seed has a shared rank
    assert rk.commend == [v for v in by_score if score[v] >= hi]
    assert rk.remind == [v for v in by_score if score[v] < lo]
    assert rk.commend and rk.remind


def test_ranking_with_derived_targets_a_zero_target_and_known_by():
    # V1 has no target of its own: its groups' 4 + 6 = 10. V2 has 10. V3 has only a target of
    # 0, which gives no ratio: V3 is unscored. G2's 1 hedge is reported on 9/5 only.
    doc = {
        "format": "ntmkit-campaign", "format_version": 1, "id": "d", "name": "Derived",
        "window": {"first": "2022-04-15", "last": "2022-05-30"},
        "indicators": [{"id": "hedge", "name_vi": "Hàng rào xanh", "measure": "households",
                        "over_units": "distinct_households"}],
        "units": [{"id": "xa", "name": "Xã", "level": "commune"},
                  {"id": "V1", "name": "Thôn 1", "level": "village", "parent": "xa"},
                  {"id": "G1", "name": "Tổ 1", "level": "household_group", "parent": "V1",
                   "households": 5},
                  {"id": "G2", "name": "Tổ 2", "level": "household_group", "parent": "V1",
                   "households": 8},
                  {"id": "V2", "name": "Thôn 2", "level": "village", "parent": "xa",
                   "households": 12},
                  {"id": "V3", "name": "Thôn 3", "level": "village", "parent": "xa",
                   "households": 12}],
        "targets": [{"unit": "G1", "indicator": "hedge", "value": 4},
                    {"unit": "G2", "indicator": "hedge", "value": 6},
                    {"unit": "V2", "indicator": "hedge", "value": 10},
                    {"unit": "V3", "indicator": "hedge", "value": 0}],
        "progress": [
            {"unit": "G1", "indicator": "hedge", "date": "2022-05-02", "quantity": 4},
            {"unit": "G2", "indicator": "hedge", "date": "2022-05-02", "quantity": 1,
             "reported": "2022-05-09"},
            {"unit": "V2", "indicator": "hedge", "date": "2022-05-02", "quantity": 5},
        ],
    }
    c = ntmkit.Campaign.from_json(json.dumps(doc))
    now = c.rank_units(END, level="village")
    assert [(s.id, s.rank, s.score) for s in now.ranked] == [("V1", 1, 0.5), ("V2", 1, 0.5)]
    assert now.ranked[0].indicators[0].target == 10  # derived from the groups
    assert [u.id for u in now.unscored] == ["V3"]
    then = c.rank_units(END, level="village", known_by=dt.date(2022, 5, 6))
    assert [(s.id, s.rank) for s in then.ranked] == [("V2", 1), ("V1", 2)]
    assert then.ranked[1].score == pytest.approx(0.4)
