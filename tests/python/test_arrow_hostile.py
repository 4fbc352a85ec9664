"""The catalogue of hostile inputs, continued: Arrow tables (Campaign.add_progress_arrow).

Well-formed but hostile tables (every type a producer may hand for each column, nulls, slices,
many and empty batches, duplicate and extra columns, values out of range or too wide) go in
exactly as the numpy path takes the same values, or are refused as it refuses them: the same
error class at the same row and column. Malformed structs from a hand-made ctypes producer
(arrow_producer.py) are refused with a ParseError naming the batch and column (or the row) and
what the struct should have held, never read; each struct taken is released exactly once. A
refused table leaves the campaign byte-identical (canonical JSON and roll-up)."""
import datetime as dt
import decimal
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ntmkit
from conftest import CAMPAIGN_JSON, snapshot

pa = pytest.importorskip("pyarrow")

SEED = ntmkit.Campaign.load(CAMPAIGN_JSON)
FIRST = dt.date(2022, 4, 15)  # the seed's window: 15/4/2022 to 30/5/2022, days 0 to 45
P, V, D, A = ntmkit.ParseError, ntmkit.ValidationError, ntmkit.DTypeError, ntmkit.ArgumentError
INTS = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(),
        pa.uint64()]


@pytest.fixture(scope="module")
def rows(csv_rows):
    """The seed's records without corrections (the numpy path has none), as indices and day
    offsets worked out from the CSV's own ids and dates."""
    units = {u: k for k, u in enumerate(SEED.units.ids)}
    inds = {x.id: k for k, x in enumerate(SEED.indicators)}
    return [dict(unit=units[r["unit"]], indicator=inds[r["indicator"]], unit_id=r["unit"],
                 indicator_id=r["indicator"], date=(r["date"] - FIRST).days,
                 reported=(r["reported"] - FIRST).days, quantity=r["quantity"])
            for r in csv_rows if r["supersedes"] is None]


def numpy_path(columns):
    """The reference: the same values through add_progress_columns (int64 / float64)."""
    c = SEED.copy()
    kw = dict(unit=np.array(columns["unit"], np.int64),
              indicator=np.array(columns["indicator"], np.int64),
              done=np.array(columns["date"], np.int64),
              quantity=np.array(columns["quantity"], np.float64))
    if "reported" in columns:
        kw["reported"] = np.array(columns["reported"], np.int64)
    c.add_progress_columns(**kw)
    return c


def columns_of(rows, *names):
    return {n: [r[n] for r in rows] for n in names}


def refused(c, data, error, where, detail=None, **kw):
    before = snapshot(c)
    with pytest.raises(error) as e:
        c.add_progress_arrow(data, **kw)
    assert type(e.value) is error, repr(e.value)
    assert e.value.where == where, str(e.value)
    if detail is not None:
        assert detail in e.value.detail, str(e.value)
    str(e.value).encode("utf-8")  # valid UTF-8
    assert snapshot(c) == before
    return e.value


# -- every type a producer may hand, for each column ------------------------------------------

def id_array(values, kind):
    """Text as plain utf8, large utf8, utf8 views or dictionary-encoded (codes int8..uint64,
    values of each text type)."""
    if kind in ("string", "large_string", "string_view"):
        return pa.array(values, getattr(pa, kind)())
    index, value = kind
    return pa.array(values, pa.string()).dictionary_encode().cast(
        pa.dictionary(index, value))


TEXT_KINDS = ["string", "large_string", "string_view",
              *[(i, pa.string()) for i in INTS],
              (pa.int32(), pa.large_string()), (pa.int16(), pa.string_view())]


@pytest.mark.parametrize("kind", TEXT_KINDS, ids=str)
def test_ids_as_any_text_type_are_the_numpy_paths_indices(rows, kind):
    c = SEED.copy()
    c.add_progress_arrow(pa.table({
        "unit": id_array([r["unit_id"] for r in rows], kind),
        "indicator": id_array([r["indicator_id"] for r in rows], kind),
        "date": pa.array([r["date"] for r in rows], pa.int16()),
        "quantity": [r["quantity"] for r in rows]}))
    assert c.progress == numpy_path(columns_of(rows, "unit", "indicator", "date", "quantity"))\
        .progress


@pytest.mark.parametrize("t", INTS, ids=str)
def test_indices_offsets_and_quantities_of_every_integer_type(rows, t):
    cols = columns_of(rows, "unit", "indicator", "date", "reported", "quantity")
    c = SEED.copy()
    c.add_progress_arrow(pa.table({k: pa.array(v, t) for k, v in cols.items()}))
    assert c.progress == numpy_path(cols).progress


def day_array(days, kind):
    """Day offsets as the dates they are, in each date type a producer may use."""
    dates = [FIRST + dt.timedelta(days=d) for d in days]
    if kind == "date32":
        return pa.array(dates, pa.date32())
    if kind == "date64":
        return pa.array(dates, pa.date64())
    if kind.startswith("timestamp"):
        # 23:59:59 the same day: the calendar day counts, not the nearest one.
        late = [dt.datetime.combine(d, dt.time(23, 59, 59)) for d in dates]
        return pa.array(late, pa.timestamp(kind.split(":")[1]))
    if kind == "vi_text":
        return pa.array([f"{d.day}/{d.month}/{d.year}" for d in dates], pa.string())
    if kind == "iso_view":
        return pa.array([d.isoformat() for d in dates], pa.string_view())
    if kind == "dict_text":
        return pa.array([d.isoformat() for d in dates], pa.string()).dictionary_encode()
    return pa.array(days, getattr(pa, kind)())


DAY_KINDS = ["date32", "date64", "timestamp:s", "timestamp:ms", "timestamp:us", "timestamp:ns",
             "vi_text", "iso_view", "dict_text", "int8", "uint16", "int64"]


@pytest.mark.parametrize("kind", DAY_KINDS)
def test_dates_of_every_type_are_the_numpy_paths_offsets(rows, kind):
    cols = columns_of(rows, "unit", "indicator", "date", "reported", "quantity")
    c = SEED.copy()
    c.add_progress_arrow(pa.table({**cols, "date": day_array(cols["date"], kind),
                                   "reported": day_array(cols["reported"], kind)}))
    assert c.progress == numpy_path(cols).progress


@pytest.mark.parametrize("t", [pa.float32(), pa.float64()], ids=str)
def test_float_quantities(rows, t):
    cols = columns_of(rows, "unit", "indicator", "date", "quantity")
    cols["quantity"] = [q + 0.25 for q in cols["quantity"]]  # exact in float32 too
    c = SEED.copy()
    c.add_progress_arrow(pa.table({**cols, "quantity": pa.array(cols["quantity"], t)}))
    assert c.progress == numpy_path(cols).progress


def quantity_texts(rows, scale, fractions):
    """Each record's quantity less one, with a fraction of at most `scale` digits: the text
    an officer would type, read by Python as the reference reads it."""
    out = []
    for k, r in enumerate(rows):
        f = fractions[k % len(fractions)][:scale]
        out.append(f"{int(r['quantity']) - 1}" + (f".{f}" if f else ""))
    return out


@pytest.mark.parametrize("t", [
    pa.float16(), pa.decimal32(9, 2), pa.decimal64(18, 3), pa.decimal128(10, 2),
    pa.decimal128(38, 0), pa.decimal128(38, 20), pa.decimal256(40, 1)], ids=str)
def test_float16_and_decimal_quantities_are_the_values_of_their_text(rows, t):
    """Decimals (DuckDB's SUM and its literals are decimal128) as Python reads their text:
    0.1 as the double nearest 0.1; float16 values that it holds exactly."""
    if t == pa.float16():
        texts = quantity_texts(rows, 3, ["5", "75", "25", "125", ""])
        array = pa.array(np.array([float(x) for x in texts], np.float16))
    else:
        texts = quantity_texts(rows, t.scale, ["9", "75", "3", "05", "875", "1"])
        array = pa.array([decimal.Decimal(x) for x in texts], t)
    cols = columns_of(rows, "unit", "indicator", "date")
    c = SEED.copy()
    c.add_progress_arrow(pa.table({**cols, "quantity": array}))
    assert c.progress == numpy_path({**cols, "quantity": [float(x) for x in texts]}).progress


def test_a_duckdb_sum_and_decimal_literals_are_quantities():
    duckdb = pytest.importorskip("duckdb")
    c = SEED.copy()
    c.add_progress_arrow(duckdb.sql(
        "SELECT 4 AS unit, 3 AS indicator, d AS date, q AS quantity "
        "FROM (VALUES (1, 1.5), (2, 0.1)) t(d, q) UNION ALL "
        "SELECT 5, 3, 3, SUM(x) FROM (VALUES (1), (2)) s(x) ORDER BY date"))
    want = numpy_path({"unit": [4, 4, 5], "indicator": [3, 3, 3], "date": [1, 2, 3],
                       "quantity": [1.5, 0.1, 3.0]})
    assert c.progress == want.progress


@pytest.mark.parametrize("array, got", [
    (pa.array([True]), 'got Arrow format "b"'),
    (pa.array(["1"]), 'got Arrow format "u"'),
    (pa.array([1]).dictionary_encode(), '(dictionary of "l")'),
    (pa.array([[1]]), 'got Arrow format "+l"'),
    (pa.array([dt.timedelta(days=1)]), 'got Arrow format "tDu"'),
], ids=["bool", "text", "dictionary", "list", "duration"])
def test_quantities_of_other_types_are_refused_naming_the_type(array, got):
    c = SEED.copy()
    e = refused(c, pa.table({"unit": [2], "indicator": [4], "date": [0], "quantity": array}),
                D, "Arrow table column quantity")
    assert "expected numbers" in e.detail and got in e.detail


@pytest.mark.parametrize("column, array", [
    ("unit", pa.array([2.0])), ("unit", pa.array([True])), ("indicator", pa.array([4.5])),
    ("indicator", pa.array([[4]])), ("date", pa.array([0.0])), ("date", pa.array([True])),
    ("date", pa.array([dt.time(1)])), ("date", pa.array([1]).dictionary_encode()),
    ("date", pa.array([dt.datetime(2022, 4, 15)], pa.timestamp("s", tz="UTC"))),
])
def test_indices_and_dates_of_other_types_are_refused(column, array):
    table = {"unit": [2], "indicator": [4], "date": [0], "quantity": [1.0]}
    refused(SEED.copy(), pa.table({**table, column: array}), D, f"Arrow table column {column}")


# -- nulls, slices, batches --------------------------------------------------------------------

NULL_CASES = [(c, k) for c in ("unit", "indicator", "date", "quantity")
              for k in ("plain", "dictionary", "null_type", "text")
              if (c, k) not in (("quantity", "dictionary"), ("quantity", "text"))]


@pytest.mark.parametrize("column, kind", NULL_CASES, ids=lambda x: str(x))
def test_a_null_in_a_required_column_is_refused_at_its_row(rows, column, kind):
    """Ids and indicator ids as text, dates as day offsets (plain) or ISO text; the null at
    row 4 of 6, or every value null (the null type: row 0)."""
    cols = columns_of(rows[:6], "unit_id", "indicator_id", "date", "quantity")
    table = {"unit": cols["unit_id"], "indicator": cols["indicator_id"],
             "date": pa.array(cols["date"], pa.int32()), "quantity": cols["quantity"]}
    values = pa.array(table[column]).to_pylist()
    values[4] = None
    if column == "date" and kind != "plain":
        values = [None if v is None else (FIRST + dt.timedelta(days=v)).isoformat()
                  for v in values]
    array, row = pa.array(values), 4
    if kind == "dictionary":
        array = array.dictionary_encode()
    elif kind == "null_type":
        array, row = pa.nulls(6), 0
    refused(SEED.copy(), pa.table({**table, column: array}), P,
            f"Arrow table row {row}, column {column}", f"a record needs its {column}")


def unchecked_text(texts):
    """A utf8 array as a producer that never checked its bytes hands it over."""
    ends = np.cumsum([0] + [len(t) for t in texts]).astype(np.int32)
    buffers = [None, pa.py_buffer(ends.tobytes()), pa.py_buffer(b"".join(texts))]
    return pa.Array.from_buffers(pa.string(), len(texts), buffers)


@pytest.mark.parametrize("column, texts, byte", [
    ("unit", [b"cam_trang_to_3", b"cam\xff"], 3), ("indicator", [b"cong_ngo", b"\xfe"], 0),
    ("date", [b"16/4/2022", b"1\xc3/4/2022"], 2), ("note", [b"ok", b"r\xe0o"], 2),
    # An encoded surrogate: after 0xED the next byte must be 0x80-0x9F (Unicode table 3-7).
    ("reporter", [b"x", b"\xed\xa0\x80"], 1)])
def test_text_that_is_not_utf8_is_refused_at_its_cell(column, texts, byte):
    table = {"unit": ["cam_trang_to_3"] * 2, "indicator": [3, 3], "date": [1, 2],
             "quantity": [1.0, 1.0], column: unchecked_text(texts)}
    refused(SEED.copy(), pa.table(table), P, f"Arrow table row 1, column {column}",
            f"not valid UTF-8 (byte {byte})")


def test_nulls_in_optional_columns_are_absent_values(rows):
    r = rows[:4]
    c = SEED.copy()
    c.add_progress_arrow(pa.table({
        "unit": [x["unit"] for x in r], "indicator": [x["indicator"] for x in r],
        "date": [x["date"] for x in r], "quantity": [x["quantity"] for x in r],
        "reported": pa.array([None, 30, None, None], pa.int16()),
        "note": ["", None, "rào xong", None],
        "reporter": pa.array([None] * 4, pa.string()),
        "supersedes": pa.array([None] * 4, pa.int64())}))
    log = c.progress
    assert log.reported_days().tolist() == [r[0]["date"], 30, r[2]["date"], r[3]["date"]]
    assert list(log.notes()) == ["", "", "rào xong", ""]
    assert list(log.reporters()) == [""] * 4
    assert [log.supersedes(k) for k in range(4)] == [None] * 4


def batches_of(table, cuts, empty_at=(), skip=0):
    """The table in batches cut at `cuts`, an empty batch before each index of `empty_at`, each
    batch a slice of a longer one (`skip` rows before it: an offset in every buffer)."""
    bounds = [0, *cuts, table.num_rows]
    out = []
    for k in range(len(bounds) - 1):
        if k in empty_at:
            out.append(pa.RecordBatch.from_pylist([], schema=table.schema))
        lo, hi = bounds[k], bounds[k + 1]
        start = max(lo - skip, 0)
        longer = table.slice(start, hi - start).combine_chunks()
        batch = pa.RecordBatch.from_arrays(
            [col.combine_chunks() for col in longer.columns], names=longer.column_names)
        out.append(batch.slice(lo - start))
    return out


@pytest.mark.parametrize("shape", [
    dict(cuts=[], empty_at=()), dict(cuts=[1, 2, 3, 4, 5, 6, 7], empty_at=(0, 3, 7)),
    dict(cuts=list(range(1, 40)), empty_at=(), skip=1), dict(cuts=[10, 11], empty_at=(1,),
                                                             skip=7)],
    ids=["one", "small_and_empty", "one_row_each_sliced", "sliced_and_empty"])
def test_batches_empty_and_sliced_give_the_numpy_paths_records(rows, shape):
    cols = columns_of(rows, "unit", "indicator", "date", "reported", "quantity")
    table = pa.table({**cols, "unit": pa.array(cols["unit"], pa.uint16()),
                      "unit_id": [r["unit_id"] for r in rows]})
    table = table.drop_columns(["unit"]).rename_columns(
        ["indicator", "date", "reported", "quantity", "unit"])
    batches = batches_of(table, **shape)
    assert sum(b.num_rows for b in batches) == len(rows)
    c = SEED.copy()
    c.add_progress_arrow(pa.RecordBatchReader.from_batches(table.schema, batches))
    assert c.progress == numpy_path(cols).progress


def test_a_struct_sliced_at_the_top_reads_its_own_rows(rows):
    """An offset on the struct itself (not its columns), as a sliced StructArray exports."""
    cols = columns_of(rows, "unit", "indicator", "date", "quantity")
    struct = pa.StructArray.from_arrays([pa.array(v) for v in cols.values()], list(cols))
    c = SEED.copy()
    c.add_progress_arrow(Batch_of(struct.slice(5, 9)))
    assert c.progress == numpy_path({k: v[5:14] for k, v in cols.items()}).progress


def test_a_null_struct_row_is_refused_at_its_row(rows):
    cols = columns_of(rows[:5], "unit", "indicator", "date", "quantity")
    struct = pa.StructArray.from_arrays([pa.array(v) for v in cols.values()], list(cols),
                                        mask=pa.array([False, False, False, True, False]))
    refused(SEED.copy(), Batch_of(struct.slice(1)), P, "Arrow table row 2",
            "the whole row is null")


class Batch_of:
    """A pyarrow array handed over by __arrow_c_array__ alone."""

    def __init__(self, array):
        self.array = array

    def __arrow_c_array__(self, requested_schema=None):
        return self.array.__arrow_c_array__(requested_schema)


@pytest.mark.parametrize("types", [
    dict(unit=pa.int32(), date=pa.date32(), quantity=pa.float64()),
    dict(unit=pa.string(), date=pa.string(), quantity=pa.uint8()),
    dict(unit=pa.dictionary(pa.int8(), pa.string()), date=pa.timestamp("ns"),
         quantity=pa.int64())], ids=str)
def test_zero_rows_change_nothing(types):
    c = SEED.copy()
    before = snapshot(c)
    c.add_progress_arrow(pa.table({"unit": pa.array([], types["unit"]),
                                   "indicator": pa.array([], pa.int8()),
                                   "date": pa.array([], types["date"]),
                                   "quantity": pa.array([], types["quantity"])}))
    assert snapshot(c) == before


def test_zero_rows_of_the_null_type_are_a_type_error():
    """With no rows a required column of the null type has no null to name: its type is
    refused."""
    refused(SEED.copy(), pa.table({"unit": pa.nulls(0), "indicator": pa.array([], pa.int8()),
                                   "date": pa.array([], pa.int8()),
                                   "quantity": pa.array([], pa.float64())}),
            D, "Arrow table column unit")


# -- columns: duplicates, missing, extra ---------------------------------------------------------

def test_duplicate_and_missing_columns_are_named():
    good = {"unit": [2], "indicator": [4], "date": [0], "quantity": [1.0]}
    twice = pa.Table.from_arrays([pa.array([2]), pa.array([4]), pa.array([0]), pa.array([1.0]),
                                  pa.array([3])], ["unit", "indicator", "date", "quantity", "unit"])
    refused(SEED.copy(), twice, P, "Arrow table column unit", 'column "unit" appears twice')
    vi = pa.table({**good, "ngày": [1]})  # the Vietnamese header of date
    refused(SEED.copy(), vi, P, "Arrow table column ngày", 'column "date" appears twice')
    for missing in good:
        refused(SEED.copy(), pa.table({k: v for k, v in good.items() if k != missing}), P,
                "Arrow table", f'missing column "{missing}"')
    refused(SEED.copy(), pa.table(good), P, "Arrow table",
            'no column "done" (given for date in columns)', columns={"date": "done"})
    refused(SEED.copy(), pa.table({**good, "d": [0]}), A, "columns",
            '"d" is given for both date and reported', columns={"date": "d", "reported": "d"})


def test_extra_columns_of_any_type_are_ignored(rows):
    cols = columns_of(rows, "unit", "indicator", "date", "quantity")
    n = len(rows)
    extras = {
        "id": pa.array(range(n)), "lists": pa.array([[k] for k in range(n)]),
        "structs": pa.array([{"a": k} for k in range(n)]),
        "union": pa.UnionArray.from_sparse(pa.array([0] * n, pa.int8()),
                                           [pa.array(range(n))]),
        "ree": pa.RunEndEncodedArray.from_arrays(pa.array([n], pa.int32()), [7]),
        "": pa.array([1.5] * n),
        "decimal": pa.array([1] * n, pa.decimal128(5, 1)), "nulls": pa.nulls(n)}
    c = SEED.copy()
    c.add_progress_arrow(pa.table({**extras, **cols}))
    assert c.progress == numpy_path(cols).progress


# -- values out of range, and too wide to narrow -----------------------------------------------

GOOD = dict(unit=4, indicator=3, date=1, reported=2, quantity=1.0)  # cam_trang_to_3, hedges


@pytest.mark.parametrize("column, value, t", [
    ("unit", -1, pa.int8()), ("unit", 64, pa.int32()), ("unit", 2**40, pa.int64()),
    ("unit", 2**64 - 1, pa.uint64()), ("unit", 2**63, pa.uint64()),
    ("indicator", 8, pa.uint8()), ("indicator", -1, pa.int64()), ("indicator", 260, pa.int16()),
    ("indicator", 2**64 - 1, pa.uint64()),
    ("date", -1, pa.int8()), ("date", 46, pa.int16()), ("date", 2**31 - 1, pa.int32()),
    ("date", 2**63 - 1, pa.int64()), ("date", -2**63, pa.int64()), ("date", 2**64 - 1, pa.uint64()),
    ("reported", 0, pa.int8()), ("reported", 2**33, pa.int64()),
    ("quantity", -1.0, pa.float64()), ("quantity", math.nan, pa.float64()),
    ("quantity", math.inf, pa.float32()), ("quantity", 2**64 - 1, pa.uint64()),
    ("quantity", -2**63, pa.int64()), ("quantity", decimal.Decimal("-1.5"), pa.decimal64(5, 1)),
    ("quantity", decimal.Decimal(2**70), pa.decimal128(38, 0)),
    ("quantity", decimal.Decimal(-2**100), pa.decimal256(60, 0)),
], ids=lambda x: str(x))
def test_values_out_of_range_are_refused_as_the_numpy_path_refuses_them(column, value, t):
    """Row 2 of three holds the value; the numpy path gets the same value as int64 / float64
    (a uint64 past int64 as the largest int64: still out of range, as it is)."""
    cols = {k: [v, v, v] for k, v in GOOD.items()}
    cols[column] = [GOOD[column], GOOD[column], value]
    c = SEED.copy()
    with pytest.raises(ntmkit.Error) as want:
        clipped = {k: [min(x, 2**63 - 1) if isinstance(x, int) else x for x in v]
                   for k, v in cols.items()}
        numpy_path(clipped)
    assert want.value.where == f"arrays, position 2, field {column}"
    values = cols[column]
    if pa.types.is_decimal(t):
        values = [decimal.Decimal(str(x)) for x in values]
    refused(c, pa.table({**cols, column: pa.array(values, t)}), type(want.value),
            f"Arrow table row 2, column {column}")


@pytest.mark.parametrize("column, said", [
    ("unit", "no such unit (index 9223372036854775807)"),
    ("indicator", "no such indicator (index 9223372036854775807)"),
    ("date", "day offset 9223372036854775807 (no calendar date) is outside the campaign")])
def test_a_uint64_past_int64_is_not_wrapped_to_a_small_number(column, said):
    """2^64 - 1 cast to int64 would be -1 (unit -1, the day before the window): both bulk
    paths say it as the largest int64 instead, out of range as the value is."""
    cols = {"unit": [4], "indicator": [3], "date": [1], "quantity": [1.0]}
    e = refused(SEED.copy(), pa.table({**cols, column: pa.array([2**64 - 1], pa.uint64())}), V,
                f"Arrow table row 0, column {column}")
    assert said in e.detail
    arrays = {k: np.array(v) for k, v in cols.items()}
    arrays[column] = np.array([2**64 - 1], np.uint64)
    arrays["done"] = arrays.pop("date")
    with pytest.raises(V) as e:
        SEED.copy().add_progress_columns(**arrays)
    assert said in e.value.detail


@pytest.mark.parametrize("t, value", [
    (pa.date32(), -2**31), (pa.date32(), 2**31 - 1), (pa.date64(), 2**63 - 1),
    (pa.date64(), -2**63), (pa.timestamp("ns"), -2**63 + 1), (pa.timestamp("s"), 2**63 - 1)])
def test_dates_far_outside_the_window_are_refused_not_wrapped(t, value):
    storage = pa.int32() if t == pa.date32() else pa.int64()
    first = pa.array([FIRST], pa.date32()).cast(t).cast(storage)[0].as_py()  # a good row
    days = pa.array([first, value], storage).cast(t)
    table = pa.table({"unit": [4, 4], "indicator": [3, 3], "date": days, "quantity": [1.0, 1.0]})
    e = refused(SEED.copy(), table, V, "Arrow table row 1, column date")
    assert "outside the campaign" in e.detail


def test_a_record_number_past_int64_is_refused():
    base = {"unit": [4], "indicator": [3], "date": [1], "quantity": [1.0]}
    for v in [1e30, 2.0**63, -1.0, 0.5, math.nan]:
        refused(SEED.copy(), pa.table({**base, "supersedes": [v]}), V,
                "Arrow table row 0, column supersedes", "expected a record number")
    refused(SEED.copy(), pa.table({**base, "supersedes": pa.array([2**64 - 1], pa.uint64())}),
            V, "Arrow table row 0, column supersedes", "expected a record number")


# -- the property: any mix of types, batches and values ----------------------------------------

def fitting(values, kinds):
    lo, hi = min(values, default=0), max(values, default=0)
    return [t for t in kinds if (pa.types.is_signed_integer(t) and
                                 -2**(t.bit_width - 1) <= lo and hi < 2**(t.bit_width - 1))
            or (pa.types.is_unsigned_integer(t) and lo >= 0 and hi < 2**t.bit_width)]


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 7).flatmap(lambda n: st.tuples(
    st.lists(st.integers(-2, 66), min_size=n, max_size=n),
    st.lists(st.integers(-1, 8), min_size=n, max_size=n),
    st.lists(st.integers(-2, 47), min_size=n, max_size=n),
    st.lists(st.integers(-2, 3), min_size=n, max_size=n),
    st.lists(st.floats(-1, 50, width=32) | st.sampled_from([math.nan, math.inf]),
             min_size=n, max_size=n))), st.data())
def test_any_table_is_taken_as_the_numpy_path_takes_its_values(values, data):
    unit, indicator, date, late, quantity = values
    cols = dict(unit=unit, indicator=indicator, date=date,
                reported=[d + k for d, k in zip(date, late)], quantity=quantity)
    arrays = {}
    for k, v in cols.items():
        kinds = [pa.float32(), pa.float64()] if k == "quantity" else fitting(v, INTS)
        if k == "date" and all(0 <= d <= 45 for d in v):
            kinds += ["date32", "timestamp:ms", "vi_text", "dict_text"]
        kind = data.draw(st.sampled_from(kinds), label=k)
        arrays[k] = day_array(v, kind) if isinstance(kind, str) else pa.array(v, kind)
    table = pa.table(arrays)
    n = len(date)
    cuts = sorted(data.draw(st.sets(st.integers(1, max(n - 1, 1)), max_size=3), label="cuts"))
    cuts = [x for x in cuts if x < n]
    shape = dict(cuts=cuts, empty_at=data.draw(st.sets(st.integers(0, 3), max_size=2)),
                 skip=data.draw(st.integers(0, 3), label="skip"))
    batches = batches_of(table, **shape)
    try:
        reference = numpy_path(cols)
    except ntmkit.Error as want:
        where = want.where.replace("arrays, position", "Arrow table row").replace(
            "field", "column")
        refused(SEED.copy(), pa.RecordBatchReader.from_batches(table.schema, batches),
                type(want), where)
        return
    c = SEED.copy()
    c.add_progress_arrow(pa.RecordBatchReader.from_batches(table.schema, batches))
    assert c.progress == reference.progress
