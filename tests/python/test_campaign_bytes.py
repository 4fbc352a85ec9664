"""Campaign.to_bytes / from_bytes and pickling through them; ntmkit.dask's day offsets of
Arrow dates (Parquet's date32), checked against dates worked out by hand."""
import datetime as dt
import json
import pickle

import numpy as np
import pandas as pd
import pytest

import ntmkit

from conftest import CAMPAIGN_JSON, PROGRESS_CSV


def seed():
    c = ntmkit.Campaign.load(CAMPAIGN_JSON)
    c.load_progress_csv(PROGRESS_CSV)
    return c


def test_a_campaign_comes_back_from_its_bytes_with_the_same_json():
    c = seed()
    assert ntmkit.Campaign.from_bytes(c.to_bytes()).to_json() == c.to_json()


def test_the_definition_only_leaves_progress_and_submissions_out():
    c = seed()
    back = json.loads(ntmkit.Campaign.from_bytes(c.to_bytes(definition_only=True)).to_json())
    expected = json.loads(ntmkit.Campaign.load(CAMPAIGN_JSON).to_json())
    assert expected.pop("submissions")  # the seed file has some
    assert back == expected  # and no progress: "progress": [] in both


def test_a_campaign_pickles_through_its_bytes():
    c = seed()
    assert pickle.loads(pickle.dumps(c)).to_json() == c.to_json()


def test_cut_bytes_are_refused_naming_the_offset():
    b = seed().to_bytes()
    with pytest.raises(ntmkit.ParseError, match="at byte 8: expected the format number"):
        ntmkit.Campaign.from_bytes(b[:8])
    with pytest.raises(ntmkit.ParseError, match="at byte 0: expected \"NTMKCAMP\""):
        ntmkit.Campaign.from_bytes(b"not a campaign")


def test_arrow_dates_become_day_offsets_without_python_dates():
    pa = pytest.importorskip("pyarrow")
    import ntmkit.dask

    days = [dt.date(2022, 4, 15), dt.date(2022, 4, 20), None, dt.date(2022, 5, 30)]
    column = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(days, pa.date32())))
    first = np.datetime64("2022-04-15", "D")
    # 15/4 is day 0, 20/4 day 5, 30/5 day 45 (15 days of April left + 30 of May).
    out = ntmkit.dask._day_offsets(column, first, ntmkit.dask.NEVER, "superseded_on")
    assert out.dtype == np.int32
    assert out.tolist() == [0, 5, ntmkit.dask.NEVER, 45]
    with pytest.raises(ntmkit.ValidationError, match="missing days"):
        ntmkit.dask._day_offsets(column, first, None, "done")
