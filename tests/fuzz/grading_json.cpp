// The year-end grading table loader: any bytes give a table or an ntmkit error; a table saves
// and loads again to the same text, and grades without an exception other than ntmkit's.
#include "common.hpp"

#include <ntmkit/grading_json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::expect_ok_or_ntmkit_error([&] {
        const auto t = ntmkit::grading_table_from_json_text(fuzz::text(data, size), "fuzz.json");
        const auto saved = ntmkit::grading_table_to_json_text(t);
        if (ntmkit::grading_table_to_json_text(ntmkit::grading_table_from_json_text(saved)) !=
            saved)
            std::abort();
        (void)ntmkit::grade_subjects(t);
    });
    return 0;
}
