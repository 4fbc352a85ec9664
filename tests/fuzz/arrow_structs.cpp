// Arrow tables as a buggy producer might hand them over (src/arrow_struct.hpp): a schema and
// batches built from the input, each struct's counts, lengths, offsets, null counts, formats,
// pointers, string offsets, views and dictionary codes fuzzed, every buffer as large as the
// struct says it is. check_table and check_column must accept or throw an ntmkit::error; what
// they accept is then read as the Arrow loader reads it (register_arrow.cpp), which must stay
// inside the buffers (AddressSanitizer).
#include "arrow_struct.hpp"
#include "common.hpp"

#include <memory>

namespace {
using namespace ntmkit_py::arrow;

struct input {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t byte() {
        if (n == 0)
            return 0;
        --n;
        return *p++;
    }
    /// 0..max mostly; now and then a value the checks must refuse (negative, or an offset
    /// whose length would overflow).
    std::int64_t pick(std::int64_t max) {
        const std::uint8_t b = byte();
        static constexpr std::int64_t hostile[] = {-1, std::numeric_limits<std::int64_t>::min(),
                                                   std::numeric_limits<std::int64_t>::max(), -9};
        return b >= 248 ? hostile[b % 4] : b % (max + 1);
    }
};

const char* const formats[] = {"n",     "c",      "C",        "s",           "i",      "I",   "l",
                               "L",     "e",      "f",        "g",           "b",      "tdD", "tdm",
                               "tsn:",  "u",      "U",        "vu",          "z",      "+l",  "zz",
                               "d:5,2", "d:38,0", "d:9,3,32", "d:40,-2,256", "d:5,2,7"};

bool small(std::int64_t v) {
    return v >= 0 && v <= 64;
}

/// Owns every struct and buffer of one input.
struct producer {
    input in;
    std::vector<std::unique_ptr<std::vector<std::uint8_t>>> buffers;
    std::vector<std::unique_ptr<std::vector<const void*>>> pointers;
    std::vector<std::unique_ptr<std::vector<ArrowArray*>>> children;
    std::vector<std::unique_ptr<ArrowArray>> arrays;
    std::vector<std::unique_ptr<ArrowSchema>> schemas;
    std::vector<std::unique_ptr<std::vector<ArrowSchema*>>> schema_children;

    /// A buffer of `size` bytes from the input, or none now and then.
    const void* buffer(std::int64_t size) {
        if (in.byte() == 255)
            return nullptr;
        buffers.push_back(std::make_unique<std::vector<std::uint8_t>>(
            static_cast<std::size_t>(std::max<std::int64_t>(size, 1))));
        for (auto& b : *buffers.back())
            b = in.byte();
        return buffers.back()->data();
    }

    template <class O> const void* offsets(std::int64_t count, std::int64_t& end) {
        buffers.push_back(std::make_unique<std::vector<std::uint8_t>>(
            static_cast<std::size_t>(count + 1) * sizeof(O)));
        O at = static_cast<O>(in.byte() % 4);
        end = 0;
        for (std::int64_t k = 0; k <= count; ++k) {
            std::memcpy(buffers.back()->data() + k * sizeof(O), &at, sizeof(O));
            end = std::max<std::int64_t>(end, at);
            at = static_cast<O>(at + static_cast<std::int8_t>(in.byte()) % 6);
        }
        return buffers.back()->data();
    }

    /// Views with their data buffers and the buffer of their sizes, appended to `b`.
    void views(std::int64_t count, std::vector<const void*>& b) {
        const int data = in.byte() % 3;
        std::vector<std::int64_t> sizes(static_cast<std::size_t>(data));
        std::vector<const void*> datas;
        for (auto& s : sizes) {
            s = in.byte() % 40;
            datas.push_back(buffer(s));
        }
        buffers.push_back(
            std::make_unique<std::vector<std::uint8_t>>(static_cast<std::size_t>(count) * 16));
        auto* v = buffers.back()->data();
        for (std::int64_t k = 0; k < count; ++k) {
            const std::int32_t fields[4] = {static_cast<std::int32_t>(in.pick(24)), 0,
                                            static_cast<std::int32_t>(in.pick(3)),
                                            static_cast<std::int32_t>(in.pick(30))};
            std::memcpy(v + 16 * k, fields, 16);
        }
        b.push_back(v);
        b.insert(b.end(), datas.begin(), datas.end());
        buffers.push_back(std::make_unique<std::vector<std::uint8_t>>(sizes.size() * 8 + 8));
        if (!sizes.empty())
            std::memcpy(buffers.back()->data(), sizes.data(), sizes.size() * 8);
        b.push_back(buffers.back()->data());
    }

    /// An array of `format` holding `need` values at least (fewer now and then).
    ArrowArray* array(std::string_view format, std::int64_t need, const ArrowSchema* dictionary,
                      bool dictionary_values = false) {
        auto a = std::make_unique<ArrowArray>();
        a->offset = in.pick(3);
        const std::int64_t extra = in.pick(2);
        a->length = small(extra) ? need + extra - (need > 0 && in.byte() % 8 == 0) : extra;
        if (dictionary_values && a->length > 64)
            a->length = -1; // a dictionary is read whole: it cannot be longer than its buffers
        a->null_count = in.byte() % 4 == 0 ? -1 : in.pick(small(a->length) ? a->length : 0);
        // A length past 64 (int64's largest) is as long as the rows read: nothing reads more.
        const std::int64_t count = !small(a->offset)  ? 0
                                   : small(a->length) ? a->offset + a->length
                                                      : a->offset + need;
        std::vector<const void*> b{in.byte() % 2 ? buffer((count + 7) / 8) : nullptr};
        std::int64_t end = 0;
        const layout l = layout_of(format);
        const int decimal = decimal_of(format).bytes;
        const std::int64_t width =
            decimal                                                              ? decimal
            : format == "c" || format == "C" || format == "b"                    ? 1
            : format == "s" || format == "e"                                     ? 2
            : format == "i" || format == "I" || format == "f" || format == "tdD" ? 4
                                                                                 : 8;
        if (l == layout::fixed || l == layout::other)
            b.push_back(buffer(count * width));
        else if (l == layout::text32 || l == layout::text64) {
            b.push_back(l == layout::text32 ? offsets<std::int32_t>(count, end)
                                            : offsets<std::int64_t>(count, end));
            b.push_back(buffer(end));
        } else if (l == layout::view)
            views(count, b);
        else if (l == layout::null)
            b.clear();
        // A count that does not match the format; not one buffer fewer for views, whose
        // last buffer would then be taken for the sizes of the others (a lie about sizes).
        if (in.byte() % 16 == 0 && !b.empty())
            b.resize(b.size() + 1 - (l == layout::view ? 0 : in.byte() % 3));
        pointers.push_back(std::make_unique<std::vector<const void*>>(b));
        a->n_buffers = static_cast<std::int64_t>(b.size());
        a->buffers = pointers.back()->data();
        if (dictionary)
            a->dictionary =
                in.byte() % 16 ? array(dictionary->format, in.byte() % 7, nullptr, true) : nullptr;
        arrays.push_back(std::move(a));
        return arrays.back().get();
    }

    ArrowSchema* schema(const char* format, std::vector<ArrowSchema*> kids = {}) {
        auto s = std::make_unique<ArrowSchema>();
        s->format = format;
        s->name = "column";
        schema_children.push_back(std::make_unique<std::vector<ArrowSchema*>>(std::move(kids)));
        s->n_children = static_cast<std::int64_t>(schema_children.back()->size());
        s->children = schema_children.back()->data();
        schemas.push_back(std::move(s));
        return schemas.back().get();
    }
};

void released(ArrowSchema* s) {
    s->release = nullptr;
}
void released(ArrowArray* a) {
    a->release = nullptr;
}

volatile std::uint64_t sink;

/// Every value a loader reads: the validity of each row, its number or its text (through a
/// dictionary's codes when there is one).
void read_column(const table& t, std::int64_t k) {
    const ArrowSchema& s = *t.schema.raw.children[k];
    const std::string_view format = s.format;
    const bool dates = format == "tdD" || format == "tdm" || format.substr(0, 2) == "ts";
    const auto decimal = decimal_of(format);
    if (!(s.dictionary
              ? is_integer(format)
              : is_text(format) || is_number(format) || dates || decimal.bytes || format == "e"))
        return; // a type the loader refuses before reading a value
    for (const auto& b : t.batches) {
        const ArrowArray* a = b.raw.children[k];
        for (std::int64_t i = 0; i < b.raw.length; ++i) {
            std::int64_t at = b.raw.offset + a->offset + i;
            if (!valid(a, at))
                continue;
            const ArrowArray* values = a;
            std::string_view text_format = format;
            if (s.dictionary) {
                at = number_at<std::int64_t>(a, format, at);
                values = a->dictionary;
                if (at < 0 || at >= values->length)
                    continue; // the loader refuses the code
                at += values->offset;
                text_format = s.dictionary->format;
                if (!valid(values, at))
                    continue;
            }
            if (decimal.bytes)
                sink = sink + (decimal_at(values, decimal, at) > 0);
            else if (format == "e")
                sink = sink + load<std::uint16_t>(values->buffers[1], at);
            else if (is_text(text_format))
                for (char c : text_at(values, text_format, at))
                    sink = sink + static_cast<std::uint8_t>(c);
            else if (is_number(text_format))
                sink = sink + (number_at<double>(values, text_format, at) > 0);
            else if (dates)
                sink = sink + static_cast<std::uint64_t>(
                                  number_at<std::int64_t>(values, format == "tdD" ? "i" : "l", at));
        }
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    producer p{{data, size}, {}, {}, {}, {}, {}, {}};
    const int columns = 1 + p.in.byte() % 3;
    std::vector<ArrowSchema*> kids;
    for (int k = 0; k < columns; ++k) {
        const char* f = formats[p.in.byte() % std::size(formats)];
        ArrowSchema* dictionary = nullptr;
        if (p.in.byte() % 4 == 0) { // dictionary-encoded: codes, into text values
            dictionary = p.schema(p.in.byte() % 2 ? "u" : "vu");
            f = p.in.byte() % 8 ? "i" : f;
        }
        kids.push_back(p.schema(f));
        kids.back()->dictionary = dictionary;
    }
    table t;
    t.schema.raw = *p.schema(p.in.byte() % 32 ? "+s" : "i", kids);
    t.schema.raw.release = released;
    for (int b = p.in.byte() % 4; b > 0; --b) {
        // A batch of more rows than 64 would need children as long: only negative ones.
        std::int64_t length = p.in.pick(6);
        length = small(length) || length < 0 ? length : -1;
        const std::int64_t offset = p.in.pick(2);
        const std::int64_t need = small(length) && small(offset) ? length + offset : 0;
        auto kid_arrays = std::make_unique<std::vector<ArrowArray*>>();
        for (auto* s : kids)
            kid_arrays->push_back(p.array(s->format, need, s->dictionary));
        owned<ArrowArray> batch;
        batch.raw.length = length;
        batch.raw.offset = offset;
        batch.raw.null_count = p.in.byte() % 8 == 0 ? 1 : 0;
        const void* validity = p.in.byte() % 8 == 0 ? p.buffer((need + 7) / 8) : nullptr;
        p.pointers.push_back(std::make_unique<std::vector<const void*>>(1, validity));
        batch.raw.n_buffers = 1;
        batch.raw.buffers = p.pointers.back()->data();
        batch.raw.n_children =
            static_cast<std::int64_t>(kid_arrays->size()) - (p.in.byte() % 32 == 0);
        batch.raw.children = kid_arrays->data();
        p.children.push_back(std::move(kid_arrays));
        batch.raw.release = released;
        t.batches.push_back(std::move(batch));
    }
    fuzz::expect_ok_or_ntmkit_error([&] {
        if (!check_table(t, "fuzz"))
            return;
        for (std::int64_t k = 0; k < t.schema.raw.n_children; ++k) {
            check_column(t, k, "fuzz");
            read_column(t, k);
        }
    });
    return 0;
}
