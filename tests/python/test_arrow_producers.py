"""Hostile Arrow producers: structs filled by hand (arrow_producer.py, ctypes) and broken one
field at a time, as a buggy C producer might hand them over. What a struct itself says (counts,
formats, null pointers, negative lengths and offsets, string offsets and views, dictionaries,
a stream's callbacks and error codes) is checked before any value is read: each case is
refused with its error class, at its batch and column (or row), saying what was expected, and
the campaign is left byte-identical. Every struct the consumer took is released exactly once,
and no child by the consumer (that is its parent's release)."""
import collections
import ctypes as C

import numpy as np
import pytest

import ntmkit
from arrow_producer import ARRAY_NAME, Batch, Producer, Stream, bits, offsets_and_data, views
from conftest import snapshot
from test_arrow_hostile import SEED, numpy_path, rows  # noqa: F401 (rows: a fixture)

P, D, A = ntmkit.ParseError, ntmkit.DTypeError, ntmkit.ArgumentError
NAMES = ["unit", "indicator", "date", "quantity"]


class Table:
    """The seed's first records as a producer builds them: unit ids as text ("u", "U", "vu")
    or dictionary-encoded ("dict": int32 codes into "u"), indicator indices and day offsets
    int32, quantities float64; one batch per (start, stop) of `cuts`."""

    def __init__(self, p, records, unit="u", cuts=((0, 3),)):
        self.p, self.unit = p, unit
        fmt = {"dict": "i"}.get(unit, unit)
        dictionary = p.schema("u", label="child schema") if unit == "dict" else None
        self.columns = {"unit": p.schema(fmt, "unit", dictionary=dictionary,
                                         label="child schema"),
                        **{n: p.schema(f, n, label="child schema")
                           for n, f in [("indicator", "i"), ("date", "i"), ("quantity", "g")]}}
        self.schema = p.schema("+s", children=list(self.columns.values()), label="schema")
        self.buffers, self.children, self.batches = {}, {}, []
        self.rows = []
        for b, (lo, hi) in enumerate(cuts):
            part = records[lo:hi]
            self.rows += part
            kids = [self._unit(b, [r["unit_id"] for r in part]),
                    *[self._numbers(b, n, [r[n] for r in part], t)
                      for n, t in [("indicator", np.int32), ("date", np.int32),
                                   ("quantity", np.float64)]]]
            self.batches.append(p.array(len(part), [None], children=kids, label=f"batch {b}"))

    def _child(self, b, name, length, buffers, **kw):
        self.buffers[b, name] = buffers
        a = self.p.array(length, buffers, label="child", **kw)
        self.children[b, name] = a
        return a

    def _numbers(self, b, name, values, t):
        return self._child(b, name, len(values), [None, np.array(values, t)])

    def _unit(self, b, ids):
        if self.unit in ("u", "U"):
            ends, data = offsets_and_data(ids, np.int32 if self.unit == "u" else np.int64)
            return self._child(b, "unit", len(ids), [None, ends, data])
        if self.unit == "vu":
            v, data = views(ids)
            return self._child(b, "unit", len(ids), [None, v, data,
                                                     np.array([len(data)], np.int64)])
        distinct = sorted(set(ids))
        ends, data = offsets_and_data(distinct)
        self.buffers[b, "unit dictionary"] = [None, ends, data]
        values = self.p.array(len(distinct), [None, ends, data], label="child")
        codes = np.array([distinct.index(u) for u in ids], np.int32)
        return self._child(b, "unit", len(ids), [None, codes], dictionary=values)

    def child(self, name, b=0):
        return self.children[b, name]

    def views(self, b=0):
        """The unit column's views as int32 quadruples (length, prefix, buffer, offset)."""
        return self.buffers[b, "unit"][1].view(np.int32).reshape(-1, 4)


def set_ptr(array_of_pointers, k):
    array_of_pointers[k] = None


# name: (unit format, batch cuts, how the struct is broken, error, where, a piece of the detail)
CASES = {
    "top_format_not_a_struct": ("u", None, lambda t: setattr(t.schema, "format", b"i"), D,
                                "Arrow table", 'expected a table'),
    "top_format_null": ("u", None, lambda t: setattr(t.schema, "format", None), P,
                        "Arrow table", "the schema has no format (null)"),
    "schema_children_null": ("u", None, lambda t: setattr(t.schema, "children", None), P,
                             "Arrow table", "n_children 4 with children null"),
    "schema_child_null": ("u", None, lambda t: set_ptr(t.schema.children, 2), P,
                          "Arrow table", "child 2 is null"),
    "child_format_null": ("u", None, lambda t: setattr(t.columns["date"], "format", None), P,
                          "Arrow table", "child 2 is without a format (null)"),
    "column_name_not_utf8": ("u", None,
                             lambda t: setattr(t.columns["quantity"], "name", b"quant\xffity"),
                             P, "Arrow table column quant\\xFFity", "not valid UTF-8 (byte 5)"),
    "unknown_format": ("u", None, lambda t: setattr(t.columns["quantity"], "format", b"zz9"),
                       D, "Arrow table column quantity", 'got Arrow format "zz9"'),
    "batch_n_children": ("u", None, lambda t: setattr(t.batches[0], "n_children", 3), P,
                         "Arrow table batch 0", "n_children 3, but the schema has 4 columns"),
    "batch_children_null": ("u", None, lambda t: setattr(t.batches[0], "children", None), P,
                            "Arrow table batch 0", "n_children 4 with children null"),
    "batch_child_null": ("u", None, lambda t: set_ptr(t.batches[0].children, 1), P,
                         "Arrow table batch 0", "column 1 is null"),
    "batch_n_buffers": ("u", None, lambda t: setattr(t.batches[0], "n_buffers", 0), P,
                        "Arrow table batch 0", 'n_buffers 0; Arrow format "+s" has 1'),
    "int_n_buffers": ("u", None, lambda t: setattr(t.child("indicator"), "n_buffers", 1), P,
                      "Arrow table batch 0, column indicator",
                      'n_buffers 1; Arrow format "i" has 2 (validity, values)'),
    "text_n_buffers": ("U", None, lambda t: setattr(t.child("unit"), "n_buffers", 2), P,
                       "Arrow table batch 0, column unit",
                       'n_buffers 2; Arrow format "U" has 3 (validity, offsets, data)'),
    "buffers_null": ("u", None, lambda t: setattr(t.child("quantity"), "buffers", None), P,
                     "Arrow table batch 0, column quantity", "n_buffers 2 with buffers null"),
    "values_null": ("u", None, lambda t: set_ptr(t.child("quantity").buffers, 1), P,
                    "Arrow table batch 0, column quantity",
                    "no values buffer (null) for 3 values"),
    "offsets_null": ("u", None, lambda t: set_ptr(t.child("unit").buffers, 1), P,
                     "Arrow table batch 0, column unit", "no offsets buffer (null) for 3"),
    "data_null": ("U", None, lambda t: set_ptr(t.child("unit").buffers, 2), P,
                  "Arrow table batch 0, column unit", "no data buffer (null) for"),
    "batch_negative_length": ("u", None, lambda t: setattr(t.batches[0], "length", -1), P,
                              "Arrow table batch 0", "negative length (-1)"),
    "batch_negative_offset": ("u", None, lambda t: setattr(t.batches[0], "offset", -3), P,
                              "Arrow table batch 0", "negative offset (-3)"),
    "child_negative_length": ("u", None, lambda t: setattr(t.child("date"), "length", -2), P,
                              "Arrow table batch 0, column date", "negative length (-2)"),
    "child_negative_offset": ("u", None, lambda t: setattr(t.child("date"), "offset", -1), P,
                              "Arrow table batch 0, column date", "negative offset (-1)"),
    "child_shorter_than_batch": ("u", None, lambda t: setattr(t.child("quantity"), "length", 2),
                                 P, "Arrow table batch 0, column quantity",
                                 "length 2, but the batch needs 3 values from value 0"),
    "batch_offset_past_children": ("u", None, lambda t: setattr(t.batches[0], "offset", 1), P,
                                   "Arrow table batch 0, column date",
                                   "length 3, but the batch needs 3 values from value 1"),
    "child_offset_overflows": ("u", None,
                               lambda t: setattr(t.child("date"), "offset", 2**63 - 2), P,
                               "Arrow table batch 0, column date", "overflows"),
    "null_count_past_length": ("u", None,
                               lambda t: setattr(t.child("quantity"), "null_count", 4), P,
                               "Arrow table batch 0, column quantity",
                               "null_count 4; expected -1 (not computed) or 0 to the length, 3"),
    "null_count_negative": ("u", None,
                            lambda t: setattr(t.child("quantity"), "null_count", -5), P,
                            "Arrow table batch 0, column quantity", "null_count -5"),
    "nulls_without_validity": ("u", None,
                               lambda t: setattr(t.child("quantity"), "null_count", 1), P,
                               "Arrow table batch 0, column quantity",
                               "null_count 1 but no validity buffer (null)"),
    "child_n_children": ("u", None, lambda t: setattr(t.child("quantity"), "n_children", 2), P,
                         "Arrow table batch 0, column quantity",
                         "n_children 2 with children null"),
    "offsets_decrease": ("u", None, lambda t: t.buffers[0, "unit"][1].__setitem__(2, 1), P,
                         "Arrow table row 1, column unit", "string offsets decrease"),
    "offsets_from_below_zero": ("U", None,
                                lambda t: t.buffers[0, "unit"][1].__setitem__(0, -4), P,
                                "Arrow table row 0, column unit",
                                "negative string offset (-4)"),
    "view_negative_length": ("vu", None, lambda t: t.views()[1].__setitem__(0, -1), P,
                             "Arrow table row 1, column unit",
                             "negative string view length (-1)"),
    "view_buffer_index": ("vu", None, lambda t: t.views()[2].__setitem__(2, 3), P,
                          "Arrow table row 2, column unit",
                          "string view in data buffer 3; the array has 1"),
    "view_past_buffer_end": ("vu", None, lambda t: t.views()[0].__setitem__(3, 40), P,
                             "Arrow table row 0, column unit", "of data buffer 0, which has"),
    "view_negative_offset": ("vu", None, lambda t: t.views()[0].__setitem__(3, -2), P,
                             "Arrow table row 0, column unit", "string view of bytes -2 to"),
    "view_without_data_buffers": ("vu", None,
                                  lambda t: setattr(t.child("unit"), "n_buffers", 3), P,
                                  "Arrow table row 0, column unit",
                                  "string view in data buffer 0; the array has 0"),
    "view_sizes_null": ("vu", None, lambda t: set_ptr(t.child("unit").buffers, 3), P,
                        "Arrow table batch 0, column unit",
                        "no buffer of data buffer sizes (null)"),
    "view_n_buffers": ("vu", None, lambda t: setattr(t.child("unit"), "n_buffers", 2), P,
                       "Arrow table batch 0, column unit",
                       'n_buffers 2; Arrow format "vu" has at least 3'),
    "dictionary_missing": ("dict", None, lambda t: setattr(t.child("unit"), "dictionary", None),
                           P, "Arrow table batch 0, column unit",
                           "the schema says dictionary-encoded, but the array has no dictionary"),
    "dictionary_float_codes": ("dict", None,
                               lambda t: setattr(t.columns["unit"], "format", b"g"), P,
                               "Arrow table batch 0, column unit",
                               'dictionary codes of Arrow format "g"; expected an integer'),
    "dictionary_code_out_of_range": ("dict", None,
                                     lambda t: t.buffers[0, "unit"][1].__setitem__(1, 9), P,
                                     "Arrow table row 1, column unit",
                                     "dictionary code out of range"),
    "dictionary_negative_code": ("dict", None,
                                 lambda t: t.buffers[0, "unit"][1].__setitem__(2, -1), P,
                                 "Arrow table row 2, column unit",
                                 "dictionary code out of range"),
    "dictionary_values_malformed": ("dict", None,
                                    lambda t: set_ptr(t.child("unit").dictionary.contents
                                                      .buffers, 1), P,
                                    "Arrow table batch 0, column unit, its dictionary",
                                    "no offsets buffer (null)"),
    "dictionary_values_offsets": ("dict", None,
                                  lambda t: t.buffers[0, "unit dictionary"][1].__setitem__(1, 99),
                                  P, "Arrow table batch 0, column unit, its dictionary value 1",
                                  "string offsets decrease (99 then"),
    "dictionary_of_dictionary": ("dict", None,
                                 lambda t: setattr(t.columns["unit"].dictionary.contents,
                                                   "dictionary", C.pointer(t.columns["date"])),
                                 P, "Arrow table batch 0, column unit",
                                 "dictionary-encoded again"),
    "whole_row_null": ("u", None,
                       lambda t: (t.batches[0].buffers.__setitem__(
                           0, t.p.keep_buffer(bits([1, 0, 1]))),
                           setattr(t.batches[0], "null_count", 1)), P,
                       "Arrow table row 1", "the whole row is null"),
    "second_batch_short": ("u", ((0, 2), (2, 3)),
                           lambda t: setattr(t.child("indicator", 1), "length", 0), P,
                           "Arrow table batch 1, column indicator",
                           "length 0, but the batch needs 1 values from value 0"),
    "lengths_overflow": ("u", ((0, 1), (1, 2), (2, 3)),
                         lambda t: [setattr(b, "length", 2**62) for b in t.batches], P,
                         "Arrow table batch 1", "the batches' lengths add up past 2^63"),
}


def run(p, data, error, where, detail):
    c = SEED.copy()
    before = snapshot(c)
    with pytest.raises(error) as e:
        c.add_progress_arrow(data)
    assert type(e.value) is error, repr(e.value)
    assert e.value.where == where, str(e.value)
    assert detail in e.value.detail, str(e.value)
    str(e.value).encode("utf-8")
    assert snapshot(c) == before
    return e.value


def handed_out(p, t, fail_at=None):
    """What the consumer took from a stream: the stream, its schema, the batches get_next
    handed out (all but a failing one)."""
    calls = p.called["get_next"]
    return collections.Counter(
        {"stream": 1, "schema": 1,
         **{f"batch {k}": 1 for k in range(min(calls, len(t.batches)))
            if fail_at is None or k < fail_at}})


@pytest.mark.parametrize("name", CASES)
def test_a_malformed_struct_is_refused_and_released_once(rows, name):
    unit, cuts, breaks, error, where, detail = CASES[name]
    p = Producer()
    t = Table(p, rows, unit, cuts or ((0, 3),))
    breaks(t)
    run(p, Stream(p, p.stream(t.schema, t.batches)), error, where, detail)
    assert p.released == handed_out(p, t)


@pytest.mark.parametrize("name", ["int_n_buffers", "values_null", "offsets_decrease",
                                  "whole_row_null", "dictionary_missing", "top_format_null"])
def test_the_same_checks_on_a_single_array_producer(rows, name):
    unit, cuts, breaks, error, where, detail = CASES[name]
    p = Producer()
    t = Table(p, rows, unit)
    breaks(t)
    run(p, Batch(p, t.schema, t.batches[0]), error, where, detail)
    assert p.released == collections.Counter({"schema": 1, "batch 0": 1})


@pytest.mark.parametrize("unit", ["u", "U", "vu", "dict"])
@pytest.mark.parametrize("cuts", [((0, 3),), ((0, 1), (1, 1), (1, 3), (3, 3))],
                         ids=["one_batch", "with_empty_batches"])
def test_a_well_formed_hand_made_table_is_the_numpy_paths(rows, unit, cuts):
    p = Producer()
    t = Table(p, rows, unit, cuts)
    c = SEED.copy()
    c.add_progress_arrow(Stream(p, p.stream(t.schema, t.batches)))
    want = numpy_path({n: [r[n] for r in t.rows] for n in NAMES})
    assert c.progress == want.progress
    assert p.released == handed_out(p, t)
    q = Producer()
    one = Table(q, rows, unit)
    c = SEED.copy()
    c.add_progress_arrow(Batch(q, one.schema, one.batches[0]))
    assert c.progress == want.progress
    assert q.released == collections.Counter({"schema": 1, "batch 0": 1})


# -- the stream itself ---------------------------------------------------------------------------

def test_get_schema_failing_is_refused_with_the_streams_message(rows):
    p = Producer()
    t = Table(p, rows)
    run(p, Stream(p, p.stream(t.schema, t.batches, fail_schema=12, message=b"disk on fire")),
        P, "Arrow table", "the Arrow stream failed in get_schema (error 12: disk on fire)")
    assert p.released == collections.Counter({"stream": 1})  # not the schema it did not give


@pytest.mark.parametrize("message, said", [
    (b"connection reset", "(error 5: connection reset)"),
    (b"bad byte \xff", "(error 5: bad byte \\xFF)"),
    (None, "(error 5)")], ids=["message", "not_utf8", "no_get_last_error"])
def test_get_next_failing_midway_is_refused_and_what_was_taken_released(rows, message, said):
    p = Producer()
    t = Table(p, rows, cuts=((0, 1), (1, 2), (2, 3)))
    run(p, Stream(p, p.stream(t.schema, t.batches, fail_at=1, message=message)), P,
        "Arrow table", "the Arrow stream failed in get_next batch 1 " + said)
    assert p.released == collections.Counter({"stream": 1, "schema": 1, "batch 0": 1})


@pytest.mark.parametrize("callback", ["get_schema", "get_next"])
def test_a_stream_without_a_callback_is_refused(rows, callback):
    p = Producer()
    t = Table(p, rows)
    s = p.stream(t.schema, t.batches)
    setattr(s, callback, None)
    run(p, Stream(p, s), P, "Arrow table", f"the stream has no {callback} callback (null)")
    assert p.released == collections.Counter({"stream": 1})


def test_a_released_schema_from_get_schema_is_refused(rows):
    p = Producer()
    t = Table(p, rows)
    t.schema.release = None
    run(p, Stream(p, p.stream(t.schema, t.batches)), P, "Arrow table",
        "get_schema gave a released schema (release is null)")
    assert p.released == collections.Counter({"stream": 1})


class Returns:
    """A producer whose dunder methods return whatever they are given."""

    def __init__(self, stream=None, array=None):
        if stream is not None:
            self.__arrow_c_stream__ = lambda requested_schema=None: stream
        if array is not None:
            self.__arrow_c_array__ = lambda requested_schema=None: array


def test_capsules_of_the_wrong_kind_or_already_consumed_are_refused(rows):
    p = Producer()
    t = Table(p, rows)
    s = p.stream(t.schema, t.batches)
    run(p, Stream(p, s, name=ARRAY_NAME), A, "Arrow table",
        'expected a PyCapsule named "arrow_array_stream"')
    run(p, Returns(stream=42), A, "Arrow table",
        "__arrow_c_stream__() returned int 42; expected a PyCapsule")
    s.release = None  # consumed by someone else already
    run(p, Stream(p, s), A, "Arrow table",
        'the "arrow_array_stream" capsule holds a released struct')
    assert p.released == collections.Counter()  # nothing was taken
    run(p, Returns(array=(p.capsule(t.schema, b"arrow_schema"),)), A, "Arrow table",
        "expected a tuple (schema, array) of PyCapsules")
    run(p, Returns(array=[p.capsule(t.schema, b"arrow_schema"),
                          p.capsule(t.batches[0], b"arrow_array")]), A, "Arrow table",
        "expected a tuple (schema, array) of PyCapsules")
    assert p.released == collections.Counter()
    t.batches[0].release = None
    run(p, Batch(p, t.schema, t.batches[0]), A, "Arrow table",
        'the "arrow_array" capsule holds a released struct')
    assert p.released == collections.Counter({"schema": 1})  # taken before the array's
