// Counts of entities by status, kept in a model under "cnt/status/<STATUS>" across tenants:
// what the metrics gauges (calls by state, agents by status) read.
#ifndef SWITCHBOARD_PROJECTIONS_STATUS_COUNTERS_H_
#define SWITCHBOARD_PROJECTIONS_STATUS_COUNTERS_H_

#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "projections/model_writer.h"

namespace sb::projections {

inline constexpr const char* kStatusCounterPrefix = "cnt/status/";

// Every status counter of a model: (STATUS, count).
Result<std::vector<std::pair<std::string, int64_t>>> ReadStatusCounters(const ModelReader& model);

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_STATUS_COUNTERS_H_
