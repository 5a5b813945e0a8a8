// Metrics on its own: what each hook and each live input puts into the exposition, checked
// against values computed here, and every scrape checked by promtool.
#include <atomic>
#include <stdexcept>
#include <string>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <catch2/catch.hpp>

#include "actors/entity_context.h"
#include "eventstore/event_store.h"
#include "http/metrics/metrics.h"
#include "tests/metrics/prometheus_text.h"
#include "tests/metrics/promtool.h"
#include "tests/support/failing_wal_fs.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

using http::metrics::Metrics;
using http::metrics::MetricsSources;

// Scrapes `metrics`, requires promtool to accept the text, and parses it.
Exposition ValidScrape(const Metrics& metrics) {
  const std::string text = metrics.Scrape();
  auto lint = PromtoolCheckMetrics(text);
  INFO(text);
  INFO("promtool: " << lint.output);
  REQUIRE(lint.exit_code == 0);
  auto parsed = ParseExposition(text);
  INFO("unreadable: " << (parsed.unreadable.empty() ? "" : parsed.unreadable.front()));
  REQUIRE(parsed.unreadable.empty());
  return parsed;
}

es::BatchMetrics Batch(size_t requests, size_t events, size_t bytes, int64_t micros) {
  es::BatchMetrics batch;
  batch.requests = requests;
  batch.events = events;
  batch.bytes = bytes;
  batch.write_micros = micros;
  return batch;
}

http::Request RequestWith(const std::string& method) {
  http::Request request;
  request.method = method;
  request.path = "/api/v1/agents/a-1";
  request.target = request.path;
  return request;
}

TEST_CASE("every family is listed with nothing attached, without made-up samples", "[metrics]") {
  Metrics metrics;
  auto scrape = ValidScrape(metrics);
  const std::pair<const char*, const char*> kFamilies[] = {
      {"switchboard_events_appended_total", "counter"},
      {"switchboard_append_batches_total", "counter"},
      {"switchboard_append_batch_events", "histogram"},
      {"switchboard_append_seconds", "histogram"},
      {"switchboard_http_requests_total", "counter"},
      {"switchboard_http_request_duration_seconds", "histogram"},
      {"switchboard_eventstore_failed", "gauge"},
      {"switchboard_last_position", "gauge"},
      {"switchboard_live_actors", "gauge"},
      {"switchboard_passivations_total", "counter"},
      {"switchboard_actor_spawns_total", "counter"},
      {"switchboard_actor_restarts_total", "counter"},
      {"switchboard_recoveries_total", "counter"},
      {"switchboard_recovery_replayed_events_total", "counter"},
      {"switchboard_websocket_connections", "gauge"},
      {"switchboard_calls", "gauge"},
      {"switchboard_agents", "gauge"},
      {"switchboard_projection_lag_events", "gauge"},
      {"switchboard_projection_position", "gauge"},
  };
  for (const auto& [name, type] : kFamilies) {
    INFO(name);
    REQUIRE(scrape.types.count(name) == 1);
    CHECK(scrape.types.at(name) == type);
  }
  // Nothing attached and no sources: no value is known, so none is exported.
  for (const char* name :
       {"switchboard_eventstore_failed", "switchboard_last_position", "switchboard_live_actors",
        "switchboard_calls", "switchboard_agents", "switchboard_projection_lag_events"}) {
    INFO(name);
    CHECK(scrape.All(name).empty());
  }
  CHECK(scrape.Value("switchboard_websocket_connections") == 0);
  CHECK(scrape.Value("switchboard_events_appended_total") == 0);
}

TEST_CASE("OnBatch feeds the append counters and histograms", "[metrics]") {
  Metrics metrics;
  metrics.OnBatch(Batch(2, 3, 900, 1500));  // 1.5 ms
  metrics.OnBatch(Batch(1, 1, 300, 500));   // 0.5 ms
  metrics.OnBatch(Batch(5, 40, 12000, 30000));
  auto scrape = ValidScrape(metrics);
  CHECK(scrape.Value("switchboard_events_appended_total") == 44);
  CHECK(scrape.Value("switchboard_append_batches_total") == 3);
  CHECK(scrape.Value("switchboard_append_requests_total") == 8);
  CHECK(scrape.Value("switchboard_appended_bytes_total") == 13200);

  CHECK(scrape.Value("switchboard_append_batch_events_count") == 3);
  CHECK(scrape.Value("switchboard_append_batch_events_sum") == 44);
  CHECK(scrape.Value("switchboard_append_batch_events_bucket", {{"le", "1"}}) == 1);
  CHECK(scrape.Value("switchboard_append_batch_events_bucket", {{"le", "4"}}) == 2);
  CHECK(scrape.Value("switchboard_append_batch_events_bucket", {{"le", "32"}}) == 2);
  CHECK(scrape.Value("switchboard_append_batch_events_bucket", {{"le", "64"}}) == 3);
  CHECK(scrape.Value("switchboard_append_batch_events_bucket", {{"le", "+Inf"}}) == 3);

  CHECK(scrape.Value("switchboard_append_seconds_count") == 3);
  CHECK(scrape.Value("switchboard_append_seconds_sum").value() == Approx(0.032));
  CHECK(scrape.Value("switchboard_append_seconds_bucket", {{"le", "0.0005"}}) == 1);
  CHECK(scrape.Value("switchboard_append_seconds_bucket", {{"le", "0.001"}}) == 1);
  CHECK(scrape.Value("switchboard_append_seconds_bucket", {{"le", "0.0025"}}) == 2);
  CHECK(scrape.Value("switchboard_append_seconds_bucket", {{"le", "0.025"}}) == 2);
  CHECK(scrape.Value("switchboard_append_seconds_bucket", {{"le", "0.05"}}) == 3);
}

TEST_CASE("OnResponse counts by route template, method and status", "[metrics]") {
  Metrics metrics;
  metrics.OnResponse(RequestWith("PUT"), "/api/v1/agents/{id}", 201, 0.004);
  metrics.OnResponse(RequestWith("PUT"), "/api/v1/agents/{id}", 201, 0.02);
  metrics.OnResponse(RequestWith("PUT"), "/api/v1/agents/{id}", 422, 0.001);
  // Made-up methods share one label value, whatever their number.
  metrics.OnResponse(RequestWith("BREW"), "unmatched", 404, 0.0001);
  metrics.OnResponse(RequestWith("PROPFIND2"), "unmatched", 404, 0.0001);
  auto scrape = ValidScrape(metrics);
  const Labels put201 = {{"route", "/api/v1/agents/{id}"}, {"method", "PUT"}, {"status", "201"}};
  CHECK(scrape.Value("switchboard_http_requests_total", put201) == 2);
  CHECK(scrape.Value("switchboard_http_requests_total",
                     {{"route", "/api/v1/agents/{id}"}, {"status", "422"}}) == 1);
  CHECK(scrape.Value("switchboard_http_requests_total", {{"method", "other"}}) == 2);
  CHECK(scrape.Value("switchboard_http_requests_total", {{"method", "BREW"}}) == std::nullopt);

  const Labels put = {{"route", "/api/v1/agents/{id}"}, {"method", "PUT"}};
  CHECK(scrape.Value("switchboard_http_request_duration_seconds_count", put) == 3);
  CHECK(scrape.Value("switchboard_http_request_duration_seconds_sum", put).value() ==
        Approx(0.025));
  auto le5ms = put;
  le5ms["le"] = "0.005";
  CHECK(scrape.Value("switchboard_http_request_duration_seconds_bucket", le5ms) == 2);
  // The duration histogram has no status label (one series per route and method).
  for (const auto& sample : scrape.All("switchboard_http_request_duration_seconds_count")) {
    CHECK(sample.labels.count("status") == 0);
  }
}

std::vector<es::EventData> Probes(int n) {
  std::vector<es::EventData> events(n);
  for (auto& e : events) {
    e.id = es::NewEventId();
    e.type = "Probe";
  }
  return events;
}

TEST_CASE("the log feeds OnBatch and is read live while attached, failed state included",
          "[metrics]") {
  Metrics metrics;  // first: the store's hook uses it until the store is closed
  TempDir dir;
  std::atomic<bool> fail{false};
  auto env = rocksdb::NewCompositeEnv(std::make_shared<FailingWalFs>(&fail));
  es::StoreOptions options;
  options.env = env.get();
  options.on_batch = [&metrics](const es::BatchMetrics& batch) { metrics.OnBatch(batch); };
  auto store = es::EventStore::Open(dir.Sub("data"), options);
  REQUIRE(store.ok());
  auto& log = *store.value();
  REQUIRE(log.Append("acme/probe/p-1", es::ExpectedVersion::Any(), Probes(3)).status.ok());
  REQUIRE(log.Append("acme/probe/p-2", es::ExpectedVersion::Any(), Probes(2)).status.ok());

  actors::EntityCounters counters;
  counters.spawned = 7;
  counters.terminated = 3;
  counters.passivated = 2;
  counters.recovered = 5;
  counters.replayed_events = 40;
  counters.restarted = 1;
  metrics.Attach(&log, &counters);
  auto scrape = ValidScrape(metrics);
  // One appender, one append at a time: each append is its own batch.
  CHECK(scrape.Value("switchboard_events_appended_total") == 5);
  CHECK(scrape.Value("switchboard_append_batches_total") == 2);
  CHECK(scrape.Value("switchboard_append_batch_events_sum") == 5);
  CHECK(scrape.Value("switchboard_append_seconds_count") == 2);
  CHECK(scrape.Value("switchboard_last_position") == 5);
  CHECK(scrape.Value("switchboard_eventstore_failed") == 0);
  CHECK(scrape.Value("switchboard_live_actors") == 4);
  CHECK(scrape.Value("switchboard_actor_spawns_total") == 7);
  CHECK(scrape.Value("switchboard_passivations_total") == 2);
  CHECK(scrape.Value("switchboard_actor_restarts_total") == 1);
  CHECK(scrape.Value("switchboard_recoveries_total") == 5);
  CHECK(scrape.Value("switchboard_recovery_replayed_events_total") == 40);

  counters.spawned = 9;
  CHECK(ValidScrape(metrics).Value("switchboard_live_actors") == 6);

  fail = true;
  REQUIRE(log.Append("acme/probe/p-1", es::ExpectedVersion::Any(), Probes(1)).status.IsFailed());
  auto failed = ValidScrape(metrics);
  CHECK(failed.Value("switchboard_eventstore_failed") == 1);
  CHECK(failed.Value("switchboard_events_appended_total") == 5);  // nothing became durable
  CHECK(failed.Value("switchboard_last_position") == 5);

  metrics.Detach();
  auto detached = ValidScrape(metrics);
  CHECK(detached.All("switchboard_last_position").empty());
  CHECK(detached.All("switchboard_live_actors").empty());
  CHECK(detached.types.count("switchboard_last_position") == 1);
}

TEST_CASE("sources become labelled gauges, and an empty or throwing one exports nothing",
          "[metrics]") {
  Metrics metrics;
  MetricsSources sources;
  sources.calls_by_state = [] {
    return http::metrics::LabeledValues{{"RINGING", 2}, {"CONNECTED", 1}, {"RINGING", 3}};
  };
  sources.agents_by_status = [] {
    return http::metrics::LabeledValues{{"online", 4}, {"with \"quotes\"\\", 1}};
  };
  sources.projection_lag = []() -> http::metrics::LabeledValues {
    throw std::runtime_error("read model gone");
  };
  metrics.SetSources(sources);
  auto scrape = ValidScrape(metrics);
  // A label value given twice is one series, the last value.
  CHECK(scrape.All("switchboard_calls").size() == 2);
  CHECK(scrape.Value("switchboard_calls", {{"state", "RINGING"}}) == 3);
  CHECK(scrape.Value("switchboard_calls", {{"state", "CONNECTED"}}) == 1);
  CHECK(scrape.Value("switchboard_agents", {{"status", "online"}}) == 4);
  // Label values are escaped by the serialiser and read back intact.
  CHECK(scrape.Value("switchboard_agents", {{"status", "with \"quotes\"\\"}}) == 1);
  CHECK(scrape.All("switchboard_projection_lag_events").empty());
  CHECK(scrape.All("switchboard_projection_position").empty());
  CHECK(scrape.Value("switchboard_metrics_source_errors_total", {{"source", "projection_lag"}}) ==
        1);
  CHECK(scrape.Value("switchboard_metrics_source_errors_total", {{"source", "calls_by_state"}}) ==
        0);

  // After SetSources returns, the old sources are never called again.
  metrics.SetSources({});
  auto cleared = ValidScrape(metrics);
  CHECK(cleared.All("switchboard_calls").empty());
  CHECK(cleared.types.count("switchboard_calls") == 1);
  CHECK(cleared.Value("switchboard_metrics_source_errors_total", {{"source", "projection_lag"}}) ==
        1);
}

// A session that records what it was told; the acceptor under test wraps it.
struct FakeSession : http::WebSocketSession {
  int opens = 0, closes = 0;
  void OnOpen(std::shared_ptr<http::WebSocketPeer>) override { ++opens; }
  void OnMessage(std::string) override {}
  void OnClose() override { ++closes; }
};

TEST_CASE("CountWebSockets counts sessions from OnOpen to OnClose", "[metrics]") {
  Metrics metrics;
  auto inner = std::make_shared<FakeSession>();
  bool refuse = false;
  auto acceptor = metrics.CountWebSockets(
      [&](const http::Request&)
          -> std::variant<std::shared_ptr<http::WebSocketSession>, http::Response> {
        if (refuse) return http::ErrorResponse(401, "unauthorized", "no token");
        return inner;
      });
  auto gauge = [&] { return ValidScrape(metrics).Value("switchboard_websocket_connections"); };
  http::Request request;

  auto first = std::get<std::shared_ptr<http::WebSocketSession>>(acceptor(request));
  auto second = std::get<std::shared_ptr<http::WebSocketSession>>(acceptor(request));
  CHECK(gauge() == 0);  // accepted, not open yet
  first->OnOpen(nullptr);
  second->OnOpen(nullptr);
  CHECK(gauge() == 2);
  first->OnClose();
  CHECK(gauge() == 1);
  second->OnClose();
  CHECK(gauge() == 0);
  CHECK(inner->opens == 2);
  CHECK(inner->closes == 2);

  refuse = true;
  auto refused = acceptor(request);
  CHECK(std::get<http::Response>(refused).status == 401);
  CHECK(gauge() == 0);
}

}  // namespace
}  // namespace sb::testing
