// Shared by the test files: dates print as 2022-04-15 in failure messages (boost's
// operator<< needs its IO library), and ymd() builds one from plain ints.
#pragma once

#include <ntmkit/calendar.hpp>

#include <doctest/doctest.h>

namespace doctest {
template <> struct StringMaker<boost::gregorian::date> {
    static String convert(const boost::gregorian::date& d) {
        return ntmkit::format_date_iso(d).c_str();
    }
};
} // namespace doctest

namespace test_dates {
inline ntmkit::date ymd(int y, int m, int d) {
    return ntmkit::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                        static_cast<unsigned short>(d));
}
} // namespace test_dates
