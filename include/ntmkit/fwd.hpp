// Forward declarations, for headers that only pass ntmkit types around.
#pragma once

#include <cstdint>

namespace ntmkit {

using unit_index = std::int32_t;
using indicator_index = std::int32_t;
using record_index = std::int64_t;

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
