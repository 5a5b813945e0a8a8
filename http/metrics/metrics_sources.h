// MetricsSources: gauges whose values live outside http/metrics (the read models of
// projections/), pulled at scrape time so that Metrics needs no dependency on them.
//
// Contract for every source:
//  - it is called on an HTTP I/O thread, once per scrape, under Metrics' scrape lock: it must
//    answer from memory (atomics, an in-memory model), never block on disk or on an actor;
//  - it returns (label value, sample value) pairs; a label value that appears twice is one
//    series, the last pair wins;
//  - an unset (empty) source, or one that throws, exports no samples: its family is still
//    listed with HELP and TYPE, so dashboards and alerts see "no data", never a made-up zero.
#ifndef SWITCHBOARD_HTTP_METRICS_METRICS_SOURCES_H_
#define SWITCHBOARD_HTTP_METRICS_METRICS_SOURCES_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sb::http::metrics {

using LabeledValues = std::vector<std::pair<std::string, double>>;
using LabeledSource = std::function<LabeledValues()>;

struct MetricsSources {
  LabeledSource calls_by_state;       // switchboard_calls{state}: calls now in each state
  LabeledSource agents_by_status;     // switchboard_agents{status}: agents now in each status
  LabeledSource projection_lag;       // switchboard_projection_lag_events{projection}
  LabeledSource projection_position;  // switchboard_projection_position{projection}
};

}  // namespace sb::http::metrics

#endif  // SWITCHBOARD_HTTP_METRICS_METRICS_SOURCES_H_
