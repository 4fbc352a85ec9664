// Index types and their sentinels, the one home of what every layer passes around (unit.hpp,
// indicator.hpp, progress.hpp, aggregation.hpp include it), and forward declarations for
// headers that only pass ntmkit types around.
#pragma once

#include <cstdint>
#include <limits>

namespace ntmkit {

/// Units are numbered in the tree's pre-order; indicators in campaign order; records in the
/// order they were added to the log.
using unit_index = std::int32_t;
using indicator_index = std::int32_t;
using record_index = std::int64_t;
inline constexpr unit_index no_unit = -1;
inline constexpr record_index no_record = -1;
/// Day offsets count from the campaign's first day (0); "never" is the largest offset.
inline constexpr std::int32_t never = std::numeric_limits<std::int32_t>::max();

class error;
class parse_error;
class validation_error;
class date_window;
struct reporting_schedule;
struct report_period;
struct unit_spec;
class unit_tree;
struct indicator;
class target_table;
struct target_spec;
struct progress_record;
struct resolved_record;
class progress_log;
struct campaign_info;
class campaign;
struct progress_tally;
struct rollup_options;
struct rollup_row;
class rollup;
struct allocation_share;
struct reconciliation_issue;
struct weekly_report;

} // namespace ntmkit
