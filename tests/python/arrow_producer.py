"""A hand-made Arrow producer for the hostile tests (test_arrow_hostile.py): ArrowSchema,
ArrowArray and ArrowArrayStream structs built with ctypes, as a C producer would fill them, so
that a test can break any field before handing them over in a PyCapsule. Every release callback
counts its calls by the label of its struct: the consumer must release each struct it took
exactly once, and never a child (its parent's release is the producer's business)."""
import collections
import ctypes as C

import numpy as np


class ArrowSchema(C.Structure):
    pass


ArrowSchema._fields_ = [
    ("format", C.c_char_p), ("name", C.c_char_p), ("metadata", C.c_char_p),
    ("flags", C.c_int64), ("n_children", C.c_int64),
    ("children", C.POINTER(C.POINTER(ArrowSchema))), ("dictionary", C.POINTER(ArrowSchema)),
    ("release", C.c_void_p), ("private_data", C.c_void_p)]


class ArrowArray(C.Structure):
    pass


ArrowArray._fields_ = [
    ("length", C.c_int64), ("null_count", C.c_int64), ("offset", C.c_int64),
    ("n_buffers", C.c_int64), ("n_children", C.c_int64), ("buffers", C.POINTER(C.c_void_p)),
    ("children", C.POINTER(C.POINTER(ArrowArray))), ("dictionary", C.POINTER(ArrowArray)),
    ("release", C.c_void_p), ("private_data", C.c_void_p)]


class ArrowArrayStream(C.Structure):
    _fields_ = [("get_schema", C.c_void_p), ("get_next", C.c_void_p),
                ("get_last_error", C.c_void_p), ("release", C.c_void_p),
                ("private_data", C.c_void_p)]


SCHEMA_RELEASE = C.CFUNCTYPE(None, C.POINTER(ArrowSchema))
ARRAY_RELEASE = C.CFUNCTYPE(None, C.POINTER(ArrowArray))
STREAM_RELEASE = C.CFUNCTYPE(None, C.POINTER(ArrowArrayStream))
GET_SCHEMA = C.CFUNCTYPE(C.c_int, C.POINTER(ArrowArrayStream), C.POINTER(ArrowSchema))
GET_NEXT = C.CFUNCTYPE(C.c_int, C.POINTER(ArrowArrayStream), C.POINTER(ArrowArray))
GET_LAST_ERROR = C.CFUNCTYPE(C.c_void_p, C.POINTER(ArrowArrayStream))

_capsule_new = C.pythonapi.PyCapsule_New
_capsule_new.restype = C.py_object
_capsule_new.argtypes = [C.c_void_p, C.c_char_p, C.c_void_p]
# The names a capsule points to must outlive it: module constants.
SCHEMA_NAME, ARRAY_NAME, STREAM_NAME = b"arrow_schema", b"arrow_array", b"arrow_array_stream"


def fn(cfunc):
    """A ctypes callback as the void* a struct field holds."""
    return C.cast(cfunc, C.c_void_p).value


class Producer:
    """Builds the structs and keeps everything they point to alive; `released` counts the
    release calls by struct label."""

    def __init__(self):
        self.keep = []
        self.labels = {}
        self.released = collections.Counter()
        self.called = collections.Counter()  # stream callbacks
        self.last_error = C.create_string_buffer(b"")
        self._release_schema = SCHEMA_RELEASE(lambda p: self._release(p))
        self._release_array = ARRAY_RELEASE(lambda p: self._release(p))
        self._release_stream = STREAM_RELEASE(lambda p: self._release(p))

    def _release(self, p):
        self.released[self.labels[p.contents.private_data]] += 1
        p.contents.release = None  # released, as the interface says

    def _label(self, struct, label):
        key = len(self.labels) + 1
        self.labels[key] = label
        struct.private_data = key
        self.keep.append(struct)
        return struct

    def schema(self, format, name="", children=(), dictionary=None, label=None):
        s = ArrowSchema(format=format.encode(), name=name.encode(), flags=2)
        s.n_children = len(children)
        if children:
            s.children = (C.POINTER(ArrowSchema) * len(children))(*map(C.pointer, children))
            self.keep.append(s.children)
        if dictionary is not None:
            s.dictionary = C.pointer(dictionary)
        s.release = fn(self._release_schema)
        return self._label(s, label or f"schema {name or format}")

    def array(self, length, buffers, children=(), dictionary=None, null_count=0, offset=0,
              label=None):
        """`buffers`: None or numpy arrays / bytes (kept alive here)."""
        a = ArrowArray(length=length, null_count=null_count, offset=offset)
        a.n_buffers = len(buffers)
        pointers = []
        for b in buffers:
            if b is None:
                pointers.append(None)
            else:
                b = np.frombuffer(b, np.uint8) if isinstance(b, bytes) else b
                self.keep.append(b)
                pointers.append(b.ctypes.data)
        a.buffers = (C.c_void_p * max(len(buffers), 1))(*pointers)
        self.keep.append(a.buffers)
        a.n_children = len(children)
        if children:
            a.children = (C.POINTER(ArrowArray) * len(children))(*map(C.pointer, children))
            self.keep.append(a.children)
        if dictionary is not None:
            a.dictionary = C.pointer(dictionary)
        a.release = fn(self._release_array)
        return self._label(a, label or "array")

    def keep_buffer(self, b):
        """A buffer's address, the buffer kept alive here."""
        self.keep.append(b)
        return b.ctypes.data

    def capsule(self, struct, name):
        return _capsule_new(C.addressof(struct), name, None)

    def stream(self, schema, batches, fail_schema=0, fail_at=None, code=5, message=None,
               label="stream"):
        """A stream handing out copies of `schema` and `batches`; get_schema returns
        `fail_schema` when not 0, get_next `code` at batch `fail_at`; get_last_error gives
        `message` (None: no callback)."""
        def get_schema(stream, out):
            self.called["get_schema"] += 1
            if fail_schema:
                return fail_schema
            C.memmove(out, C.addressof(schema), C.sizeof(ArrowSchema))
            return 0

        def get_next(stream, out):
            k = self.called["get_next"]
            self.called["get_next"] += 1
            if k == fail_at:
                return code
            if k < len(batches):
                C.memmove(out, C.addressof(batches[k]), C.sizeof(ArrowArray))
            else:
                C.memset(out, 0, C.sizeof(ArrowArray))  # the end: a released array
            return 0

        self.last_error = C.create_string_buffer(message or b"")
        s = ArrowArrayStream()
        callbacks = [GET_SCHEMA(get_schema), GET_NEXT(get_next),
                     GET_LAST_ERROR(lambda stream: C.addressof(self.last_error))]
        self.keep.extend(callbacks)
        s.get_schema, s.get_next = fn(callbacks[0]), fn(callbacks[1])
        s.get_last_error = fn(callbacks[2]) if message is not None else None
        s.release = fn(self._release_stream)
        return self._label(s, label)


class Stream:
    """An object with __arrow_c_stream__ handing over one stream struct."""

    def __init__(self, producer, stream, name=STREAM_NAME):
        self.producer, self.stream, self.name = producer, stream, name

    def __arrow_c_stream__(self, requested_schema=None):
        return self.producer.capsule(self.stream, self.name)


class Batch:
    """An object with __arrow_c_array__ alone handing over (schema, array)."""

    def __init__(self, producer, schema, array):
        self.producer, self.schema, self.array = producer, schema, array

    def __arrow_c_array__(self, requested_schema=None):
        return (self.producer.capsule(self.schema, SCHEMA_NAME),
                self.producer.capsule(self.array, ARRAY_NAME))


def offsets_and_data(texts, dtype=np.int32):
    data = "".join(texts).encode()
    ends = np.cumsum([0] + [len(t.encode()) for t in texts]).astype(dtype)
    return ends, data


def views(texts):
    """String views (16 bytes each) and the one data buffer of the texts longer than 12
    bytes."""
    out = np.zeros(len(texts) * 16, np.uint8)
    data = b""
    for k, t in enumerate(texts):
        b = t.encode()
        view = np.zeros(4, np.int32)
        view[0] = len(b)
        if len(b) <= 12:
            raw = view.tobytes()[:4] + b.ljust(12, b"\0")
        else:
            view[2], view[3] = 0, len(data)
            raw = view.tobytes()[:4] + b[:4] + view.tobytes()[8:]
            data += b
        out[16 * k:16 * k + 16] = np.frombuffer(raw, np.uint8)
    return out, data


def bits(valid):
    """A validity bitmap, least significant bit first."""
    return np.packbits(np.array(valid, np.uint8), bitorder="little")
