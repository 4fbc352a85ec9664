"""Criteria sets, evaluations, scoring tables and rankings cross as plain Python data, the same
values the json module gives for their JSON text."""
import json
import math

import pytest

import ntmkit

PLAIN = (dict, list, str, int, float, bool, type(None))


def _plain(x):
    if isinstance(x, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in x.items())
    if isinstance(x, list):
        return all(_plain(v) for v in x)
    return isinstance(x, PLAIN) and not (isinstance(x, float) and not math.isfinite(x))


def test_a_shipped_set_is_plain_data_and_reads_back_from_it():
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    d = s.to_dict()
    assert _plain(d)
    assert json.loads(json.dumps(d)) == d
    # The file on disk is the same data: every field the file gives has the same value.
    with open(f"{ntmkit.builtin_criteria_dir()}/qd318-2022-xa.json", encoding="utf-8") as f:
        on_disk = json.load(f)
    assert d["id"] == on_disk["id"] and len(d["groups"]) == len(on_disk["groups"])
    assert ntmkit.CriteriaSet.from_dict(d).to_dict() == d
    # Tuples are JSON arrays and numeric keys become text, as json.dumps writes them.
    tupled = dict(d, groups=tuple(d["groups"]))
    assert ntmkit.CriteriaSet.from_dict(tupled).to_dict() == d


def test_data_that_json_cannot_write_is_refused():
    d = ntmkit.load_builtin_criteria_set("qd318-2022-xa").to_dict()
    with pytest.raises(TypeError, match="not JSON serializable"):
        ntmkit.CriteriaSet.from_dict(dict(d, extra={1, 2}))
    with pytest.raises(ntmkit.ParseError):
        ntmkit.CriteriaSet.from_dict(dict(d, format_version=math.nan))


def test_a_ranking_is_plain_data(seed_with_progress):
    c = seed_with_progress
    j = c.rank_units(c.last, level="village").to_json()
    assert _plain(j)
    assert json.loads(json.dumps(j)) == j
