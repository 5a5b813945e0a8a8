#include "http/metrics/live_collector.h"

#include <exception>
#include <map>
#include <string>
#include <utility>

#include "actors/entity_context.h"
#include "eventstore/event_store.h"

namespace sb::http::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily Family(std::string name, std::string help, MetricType type) {
  MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  return family;
}

void AddSample(MetricFamily& family, double value, std::vector<ClientMetric::Label> labels = {}) {
  ClientMetric metric;
  metric.label = std::move(labels);
  if (family.type == MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

// Calls `source` (if set) into `family`, one series per label value (the last pair wins).
// A throwing source adds nothing and counts in `errors`.
void AddSource(MetricFamily& family, const char* label, const LabeledSource& source,
               uint64_t* errors) {
  if (!source) return;
  std::map<std::string, double> series;
  try {
    for (auto& [value_label, value] : source()) series[value_label] = value;
  } catch (...) {
    ++*errors;
    return;
  }
  for (auto& [value_label, value] : series) AddSample(family, value, {{label, value_label}});
}

}  // namespace

LiveCollector::LiveCollector(std::shared_ptr<const std::atomic<int64_t>> websockets)
    : websockets_(std::move(websockets)) {}

void LiveCollector::Attach(const es::EventStore* store, const actors::EntityCounters* counters) {
  std::lock_guard<std::mutex> lock(mu_);
  store_ = store;
  counters_ = counters;
}

void LiveCollector::SetSources(MetricsSources sources) {
  MetricsSources old;
  {
    std::lock_guard<std::mutex> lock(mu_);
    old = std::exchange(sources_, std::move(sources));
  }
  // `old` is destroyed here, outside the lock: its captures may be heavy to release.
}

std::vector<MetricFamily> LiveCollector::Collect() const {
  std::vector<MetricFamily> out;
  std::lock_guard<std::mutex> lock(mu_);

  auto ws = Family("switchboard_websocket_connections", "Console WebSocket connections open now.",
                   MetricType::Gauge);
  AddSample(ws, static_cast<double>(websockets_->load()));
  out.push_back(std::move(ws));

  auto failed = Family("switchboard_eventstore_failed",
                       "1 when the event log is in the failed state and refuses appends, else 0.",
                       MetricType::Gauge);
  auto position = Family("switchboard_last_position",
                         "The last durable position of the event log ($all).", MetricType::Gauge);
  if (store_) {
    // health() and LastPosition() read memory (a mutex-guarded Status, an atomic): no disk.
    AddSample(failed, store_->health().ok() ? 0 : 1);
    AddSample(position, static_cast<double>(store_->LastPosition()));
  }
  out.push_back(std::move(failed));
  out.push_back(std::move(position));

  auto live = Family("switchboard_live_actors", "Entity actors in memory now.", MetricType::Gauge);
  auto spawns = Family("switchboard_actor_spawns_total",
                       "Entity actors started; each one recovers its state from its snapshot and "
                       "the log unless its stream is new.",
                       MetricType::Counter);
  auto passivations = Family("switchboard_passivations_total",
                             "Entity actors that quit after being idle.", MetricType::Counter);
  auto restarts =
      Family("switchboard_actor_restarts_total",
             "Entity actors restarted by the registry after a crash.", MetricType::Counter);
  auto recoveries = Family("switchboard_recoveries_total",
                           "Entity actors that recovered their state from snapshot and log.",
                           MetricType::Counter);
  auto replayed =
      Family("switchboard_recovery_replayed_events_total",
             "Events folded by those recoveries (beyond their snapshots).", MetricType::Counter);
  auto commands = Family("switchboard_entity_commands_total", "Commands decided by entity actors.",
                         MetricType::Counter);
  auto rejections =
      Family("switchboard_entity_rejections_total",
             "Commands entity actors rejected (a business rule said no).", MetricType::Counter);
  if (counters_) {
    // Read `terminated` before `spawned`: an actor is counted spawned before it can terminate,
    // so the difference never goes below zero however the two reads interleave with updates.
    const uint64_t terminated = counters_->terminated.load();
    const uint64_t spawned = counters_->spawned.load();
    AddSample(live, static_cast<double>(spawned >= terminated ? spawned - terminated : 0));
    AddSample(spawns, static_cast<double>(spawned));
    AddSample(passivations, static_cast<double>(counters_->passivated.load()));
    AddSample(restarts, static_cast<double>(counters_->restarted.load()));
    AddSample(recoveries, static_cast<double>(counters_->recovered.load()));
    AddSample(replayed, static_cast<double>(counters_->replayed_events.load()));
    AddSample(commands, static_cast<double>(counters_->commands.load()));
    AddSample(rejections, static_cast<double>(counters_->rejections.load()));
  }
  out.push_back(std::move(live));
  out.push_back(std::move(spawns));
  out.push_back(std::move(passivations));
  out.push_back(std::move(restarts));
  out.push_back(std::move(recoveries));
  out.push_back(std::move(replayed));
  out.push_back(std::move(commands));
  out.push_back(std::move(rejections));

  auto calls = Family("switchboard_calls", "Calls now in each state.", MetricType::Gauge);
  AddSource(calls, "state", sources_.calls_by_state, &errors_.calls);
  auto agents = Family("switchboard_agents", "Agents now in each status.", MetricType::Gauge);
  AddSource(agents, "status", sources_.agents_by_status, &errors_.agents);
  auto lag = Family("switchboard_projection_lag_events",
                    "Events in the log that a projection has not folded yet.", MetricType::Gauge);
  AddSource(lag, "projection", sources_.projection_lag, &errors_.lag);
  auto folded = Family("switchboard_projection_position",
                       "The last log position a projection has folded.", MetricType::Gauge);
  AddSource(folded, "projection", sources_.projection_position, &errors_.position);
  out.push_back(std::move(calls));
  out.push_back(std::move(agents));
  out.push_back(std::move(lag));
  out.push_back(std::move(folded));

  auto errors = Family("switchboard_metrics_source_errors_total",
                       "Scrapes in which a metrics source threw (its family had no samples).",
                       MetricType::Counter);
  AddSample(errors, static_cast<double>(errors_.calls), {{"source", "calls_by_state"}});
  AddSample(errors, static_cast<double>(errors_.agents), {{"source", "agents_by_status"}});
  AddSample(errors, static_cast<double>(errors_.lag), {{"source", "projection_lag"}});
  AddSample(errors, static_cast<double>(errors_.position), {{"source", "projection_position"}});
  out.push_back(std::move(errors));
  return out;
}

}  // namespace sb::http::metrics
