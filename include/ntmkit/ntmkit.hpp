// Umbrella header: all of ntmkit.
#pragma once

#include <ntmkit/allocation.hpp>
#include <ntmkit/calendar.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/criteria.hpp>
#include <ntmkit/criteria_json.hpp>
#include <ntmkit/criteria_set.hpp>
#include <ntmkit/csv.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/evaluation.hpp>
#include <ntmkit/fwd.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/period.hpp>
#include <ntmkit/progress.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/render.hpp>
#include <ntmkit/report.hpp>
#include <ntmkit/rollup.hpp>
#include <ntmkit/scoring.hpp>
#include <ntmkit/snapshot.hpp>
#include <ntmkit/submission.hpp>
#include <ntmkit/target.hpp>
#include <ntmkit/theme.hpp>
#include <ntmkit/unicode.hpp>
#include <ntmkit/unit.hpp>
