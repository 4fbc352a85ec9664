"""Arrow in and out: progress from pyarrow, Polars, DuckDB and Parquet (Campaign.add_progress_arrow,
add_progress_parquet), roll-ups as Arrow tables and Polars frames (Rollup.to_arrow, to_polars).

Every ingest is compared cell by cell with the CSV path's roll-up and with the sums worked out
by hand from the CSV (conftest.Expected); to_arrow / to_polars with the pandas frame."""
import datetime as dt
import math

import numpy as np
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON, PROGRESS_CSV, Expected, ntmkit_cmd, snapshot

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

DAYS = ["15/4/2022", "22/4/2022", "6/5/2022", "30/5/2022"]


def seed_table(rows, extras=True):
    """The seed's progress as a pyarrow table (dates as date32, reported null where the CSV
    leaves it empty), from conftest's own reading of the CSV."""
    cols = {
        "unit": pa.array([r["unit"] for r in rows]),
        "indicator": pa.array([r["indicator"] for r in rows]),
        "date": pa.array([r["date"] for r in rows], pa.date32()),
        "reported": pa.array([None if r["reported"] == r["date"] else r["reported"]
                              for r in rows], pa.date32()),
        "quantity": pa.array([r["quantity"] for r in rows], pa.float64()),
    }
    if extras:
        cols["note"] = pa.array([r["note"] for r in rows])
        cols["reporter"] = pa.array([r["reporter"] for r in rows])
        cols["supersedes"] = pa.array([r["supersedes"] for r in rows], pa.int64())
    return pa.table(cols)


def cells(c, day, known_by=None):
    r = c.rollup(day, known_by=known_by)
    return {(c.units.id(u), ind.id): (r.cumulative[u, k], r.done_period[u, k], r.done_day[u, k])
            for u in range(len(c.units)) for k, ind in enumerate(c.indicators)}


def same_as_csv(c, reference, expected):
    """Every cell of every roll-up equals the CSV path's, and the cumulative the hand sums."""
    for day in DAYS:
        d = ntmkit.parse_date(day)
        got = cells(c, d)
        assert got == cells(reference, d), day
        by_hand = expected.cumulative(d)
        assert {k: v[0] for k, v in got.items()} == pytest.approx(
            {k: by_hand.get(k, 0.0) for k in got}), day
    known = dt.date(2022, 4, 29)
    assert cells(c, dt.date(2022, 5, 6), known) == cells(reference, dt.date(2022, 5, 6), known)
    # docs/reports.md walks through this figure by hand.
    assert c.rollup("6/5/2022").row("cam_trang", "hang_rao_xanh").cumulative == 10


def test_pyarrow_table_gives_the_csv_paths_rollup_and_log(seed_with_progress, csv_rows,
                                                           expected):
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)  # seed_with_progress is the fixture seed
    seed.add_progress_arrow(seed_table(csv_rows))
    assert seed.progress == seed_with_progress.progress  # notes, reporters, the correction
    same_as_csv(seed, seed_with_progress, expected)


def test_polars_frame_with_categorical_ids_and_view_strings(seed_with_progress, csv_rows,
                                                            expected):
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)  # seed_with_progress is the fixture seed
    frame = pl.from_arrow(seed_table(csv_rows)).with_columns(
        pl.col("unit").cast(pl.Categorical))
    seed.add_progress_arrow(frame)
    assert seed.progress == seed_with_progress.progress
    same_as_csv(seed, seed_with_progress, expected)


def test_duckdb_relation_over_the_csv_file(seed_with_progress, expected):
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)  # seed_with_progress is the fixture seed
    rel = duckdb.sql(f"""
        SELECT unit, indicator, strptime(date, '%d/%m/%Y')::DATE AS date,
               strptime(reported, '%d/%m/%Y')::DATE AS reported,
               quantity::DOUBLE AS quantity, note, reporter, supersedes::BIGINT AS supersedes
        FROM read_csv('{PROGRESS_CSV}', all_varchar = true, header = true)""")
    seed.add_progress_arrow(rel, source="duckdb")
    assert seed.progress == seed_with_progress.progress
    same_as_csv(seed, seed_with_progress, expected)


def test_parquet_file_read_in_several_batches(seed_with_progress, csv_rows, expected, tmp_path):
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)  # seed_with_progress is the fixture seed
    path = tmp_path / "progress.parquet"
    pq.write_table(seed_table(csv_rows), path, row_group_size=10)
    seed.add_progress_parquet(path, batch_size=7)
    assert seed.progress == seed_with_progress.progress
    same_as_csv(seed, seed_with_progress, expected)


class OnlyArray:
    """A producer with __arrow_c_array__ alone (no stream), as some libraries export."""

    def __init__(self, batch):
        self.batch = batch

    def __arrow_c_array__(self, requested_schema=None):
        return self.batch.__arrow_c_array__(requested_schema)


def pd_arrow_dtype(arrow_type):
    import pandas as pd
    return pd.ArrowDtype(arrow_type)


def test_pandas_with_arrow_dtypes_and_a_single_array_producer(seed_with_progress, csv_rows,
                                                             expected):
    table = seed_table(csv_rows)
    frame = table.to_pandas(types_mapper=pd_arrow_dtype)
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)  # seed_with_progress is the fixture seed
    seed.add_progress_arrow(frame)
    assert seed.progress == seed_with_progress.progress
    one = ntmkit.Campaign.load(CAMPAIGN_JSON)
    one.add_progress_arrow(OnlyArray(table.combine_chunks().to_batches()[0]))
    assert one.progress == seed_with_progress.progress
    same_as_csv(one, seed_with_progress, expected)


def test_timestamps_date_text_and_an_empty_table(seed):
    # A naive timestamp counts by its calendar day, 23:30 included; text as the CSV writes it.
    seed.add_progress_arrow(pa.table({
        "unit": ["cam_trang_to_1", "cam_trang_to_1"], "indicator": ["cong_ngo", "cong_ngo"],
        "date": pa.array([dt.datetime(2022, 4, 16, 23, 30), dt.datetime(2022, 4, 17)],
                         pa.timestamp("ns")),
        "reported": ["18/4/2022", "2022-04-19"], "quantity": pa.array([1, 2], pa.int8())}))
    log = seed.progress
    assert log.done_days().tolist() == [1, 2]        # 15/4/2022 is day 0
    assert log.reported_days().tolist() == [3, 4]
    assert log.quantities().tolist() == [1.0, 2.0]
    before = snapshot(seed)
    seed.add_progress_arrow(pa.table({"unit": pa.array([], pa.int32()),
                                      "indicator": pa.array([], pa.int32()),
                                      "date": pa.array([], pa.int32()),
                                      "quantity": pa.array([], pa.float64())}))
    assert snapshot(seed) == before
    with pytest.raises(ntmkit.ParseError) as e:
        seed.add_progress_arrow(pa.table({"unit": [1], "indicator": [0], "date": ["32/4/2022"],
                                          "quantity": [1.0]}))
    assert e.value.where == "Arrow table row 0, column date"


def index_columns(c, rows):
    """The rows as the bulk path's columns: unit and indicator indices, day offsets."""
    ids = {u: k for k, u in enumerate(c.units.ids)}
    inds = {x.id: k for k, x in enumerate(c.indicators)}
    return dict(
        unit=np.array([ids[r["unit"]] for r in rows], np.int32),
        indicator=np.array([inds[r["indicator"]] for r in rows], np.uint8),
        done=np.array([(r["date"] - c.first).days for r in rows], np.int16),
        reported=np.array([(r["reported"] - c.first).days for r in rows], np.int16),
        quantity=np.array([r["quantity"] for r in rows], np.float64))


def three_batches(table):
    """Three batches, the middle one a slice (an offset into its buffers)."""
    out = pa.Table.from_batches([table.slice(0, 20).to_batches()[0],
                                 table.slice(20, 25).to_batches()[0],
                                 table.slice(45).to_batches()[0]])
    assert len(out.to_batches()) == 3
    return out, slice(None)


@pytest.mark.parametrize("pieces", [
    lambda t: (t, slice(None)),                # one batch: read in place
    lambda t: (t.slice(3), slice(3, None)),    # one batch at an offset
    three_batches,                             # several batches: gathered once
], ids=["one_batch", "offset", "three_batches"])
def test_indices_and_day_offsets_match_the_numpy_path(seed, csv_rows, seed_json, pieces):
    rows = [r for r in csv_rows if r["supersedes"] is None]  # the bulk path has no corrections
    table, kept = pieces(pa.table(index_columns(seed, rows)))
    seed.add_progress_arrow(table, columns={"date": "done"})
    rows = rows[kept]
    numpy_path = ntmkit.Campaign.load(CAMPAIGN_JSON)
    numpy_path.add_progress_columns(**index_columns(seed, rows))
    assert seed.progress == numpy_path.progress
    by_hand = Expected(seed_json, rows)
    for day in DAYS:
        d = ntmkit.parse_date(day)
        got = {k: v[0] for k, v in cells(seed, d).items()}
        assert got == pytest.approx({k: by_hand.cumulative(d).get(k, 0.0) for k in got})


def refused(c, data, error, where, **kw):
    before = snapshot(c)
    with pytest.raises(error) as e:
        c.add_progress_arrow(data, **kw)
    assert e.value.where == where, str(e.value)
    assert snapshot(c) == before
    return e.value


def test_a_null_is_refused_with_its_row_and_column(seed_with_progress, csv_rows):
    t = seed_table(csv_rows)
    q = t.column("quantity").to_pylist()
    q[5] = None
    bad = t.set_column(t.schema.get_field_index("quantity"), "quantity", pa.array(q))
    refused(seed_with_progress, bad, ntmkit.ParseError, "Arrow table row 5, column quantity")
    units = pl.Series("unit", [r["unit"] for r in csv_rows], pl.Categorical).to_list()
    units[7] = None
    frame = pl.from_arrow(t).with_columns(pl.Series("unit", units, pl.Categorical))
    refused(seed_with_progress, frame, ntmkit.ParseError, "polars row 7, column unit",
            source="polars")


def test_a_null_reported_day_is_the_day_done(seed, csv_rows):
    seed.add_progress_arrow(seed_table(csv_rows, extras=False).slice(0, 3))
    log = seed.progress
    assert log.reported_days().tolist() == log.done_days().tolist()


def test_a_column_of_nulls_is_absent_when_optional_and_refused_when_required(seed, csv_rows):
    t = seed_table(csv_rows, extras=False).slice(0, 3)
    none = pa.nulls(3)  # the null type, as pa.table gives a column of None only
    seed.add_progress_arrow(t.append_column("supersedes", none).append_column("note", none))
    assert len(seed.progress) == 3
    empty = t.set_column(4, "quantity", none)
    refused(seed, empty, ntmkit.ParseError, "Arrow table row 0, column quantity")


def test_wrong_types_are_refused_naming_the_column(seed_with_progress, csv_rows):
    t = seed_table(csv_rows, extras=False)
    as_text = t.set_column(4, "quantity", t.column("quantity").cast(pa.string()))
    refused(seed_with_progress, as_text, ntmkit.DTypeError, "Arrow table column quantity")
    cols = index_columns(seed_with_progress, csv_rows)
    floats = pa.table({**cols, "unit": cols["unit"].astype(float)})
    refused(seed_with_progress, floats, ntmkit.DTypeError, "Arrow table column unit",
            columns={"date": "done"})
    zoned = t.set_column(2, "date", t.column("date").cast(pa.timestamp("s", tz="Asia/Ho_Chi_Minh")))
    refused(seed_with_progress, zoned, ntmkit.DTypeError, "Arrow table column date")
    with pytest.raises(ntmkit.ArgumentError):
        seed_with_progress.add_progress_arrow([1, 2, 3])


def test_rows_out_of_range_are_refused_with_row_and_column(seed_with_progress, csv_rows):
    cols = index_columns(seed_with_progress, csv_rows)
    unit = cols["unit"].copy()
    unit[3] = 999
    refused(seed_with_progress, pa.table({**cols, "unit": unit}), ntmkit.ValidationError,
            "Arrow table row 3, column unit", columns={"date": "done"})
    done = cols["done"].copy()
    done[4] = 400
    refused(seed_with_progress, pa.table({**cols, "done": done}), ntmkit.ValidationError,
            "Arrow table row 4, column done", columns={"date": "done"})
    t = seed_table(csv_rows)
    ids = t.column("unit").to_pylist()
    ids[6] = "khong_co"
    refused(seed_with_progress, t.set_column(0, "unit", pa.array(ids)), ntmkit.ValidationError,
            "Arrow table row 6, column unit")
    days = t.column("date").to_pylist()
    days[2] = dt.date(2023, 1, 1)
    vi = t.set_column(2, "ngày", pa.array(days, pa.date32()))
    refused(seed_with_progress, vi, ntmkit.ValidationError, "Arrow table row 2, column ngày")


def test_missing_columns_are_named(seed):
    with pytest.raises(ntmkit.ParseError, match='missing column "quantity"'):
        seed.add_progress_arrow(pa.table({"unit": [0], "indicator": [0], "date": [0]}))
    with pytest.raises(ntmkit.ParseError, match='no column "done"'):
        seed.add_progress_arrow(pa.table({"unit": [0], "indicator": [0], "quantity": [1.0]}),
                                columns={"date": "done"})


def plain(x):
    """pandas / Arrow cells as comparable Python values: NaN, NaT and None alike."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if hasattr(x, "to_pydatetime"):
        return None if x != x else x.date()
    if isinstance(x, np.generic):
        return x.item()
    return x


@pytest.mark.parametrize("kw", [{}, {"level": "village"}, {"with_target": True}])
def test_to_arrow_and_to_polars_hold_the_frames_values(seed_with_progress, kw):
    r = seed_with_progress.rollup("6/5/2022")
    frame = r.to_frame(**kw)
    table = r.to_arrow(**kw)
    polars = r.to_polars(**kw)
    assert table.column_names == list(frame.columns) == polars.columns
    assert table.num_rows == len(frame) == polars.height
    for name in frame.columns:
        want = [plain(x) for x in frame[name].tolist()]
        assert [plain(x) for x in table.column(name).to_pylist()] == want, name
        assert [plain(x) for x in polars[name].to_list()] == want, name


def test_a_rollup_is_an_arrow_stream(seed_with_progress):
    r = seed_with_progress.rollup("6/5/2022")
    assert pa.table(r).equals(r.to_arrow())
    assert pl.DataFrame(r).height == r.unit_count * r.indicator_count


def test_ntmkit_import_reads_a_parquet_file(csv_rows, tmp_path):
    path = tmp_path / "progress.parquet"
    pq.write_table(seed_table(csv_rows), path)
    out = ntmkit_cmd("import", CAMPAIGN_JSON, path, "--check")
    assert out.returncode == 0, out.stderr
    assert f"{path}: {len(csv_rows)} records" in out.stdout
