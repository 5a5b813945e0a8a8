#include "http/metrics/metrics.h"

#include <atomic>
#include <iterator>
#include <utility>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "eventstore/event_store.h"
#include "http/metrics/counting_session.h"
#include "http/metrics/live_collector.h"

namespace sb::http::metrics {
namespace {

using prometheus::Counter;
using prometheus::Histogram;

// A WAL sync on this machine's disk takes 0.3 to 30 ms; the buckets resolve that range and
// still show a stalling disk (up to seconds).
const Histogram::BucketBoundaries kAppendSeconds = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
// Group commit caps a batch at StoreOptions::max_batch_events (8192 by default).
const Histogram::BucketBoundaries kBatchEvents = {1,   2,   4,   8,    16,   32,   64,
                                                  128, 256, 512, 1024, 2048, 4096, 8192};
const Histogram::BucketBoundaries kHttpSeconds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                  0.25,  0.5,    1,     2.5,  5,     10};

// The labelled families get their first series with the first request; until then the
// registry leaves them out, and Scrape lists them empty (see metrics.h).
struct Declared {
  const char* name;
  const char* help;
  prometheus::MetricType type;
};
constexpr Declared kHttpRequests = {
    "switchboard_http_requests_total",
    "HTTP responses by route template, method and status (101: WebSocket upgrades).",
    prometheus::MetricType::Counter};
constexpr Declared kHttpDuration = {"switchboard_http_request_duration_seconds",
                                    "Time from reading a request to writing its response.",
                                    prometheus::MetricType::Histogram};

// The method as a label: anything but the standard methods is "other", so that a client
// sending made-up methods cannot grow the number of series.
const std::string& MethodLabel(const std::string& method) {
  static const std::string kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static const std::string kOther = "other";
  for (const auto& known : kKnown) {
    if (method == known) return known;
  }
  return kOther;
}

}  // namespace

struct Metrics::Impl {
  Impl()
      : registry(std::make_shared<prometheus::Registry>()),
        events(prometheus::BuildCounter()
                   .Name("switchboard_events_appended_total")
                   .Help("Events made durable in the log (duplicates of earlier appends excluded).")
                   .Register(*registry)
                   .Add({})),
        batches(prometheus::BuildCounter()
                    .Name("switchboard_append_batches_total")
                    .Help("Group-committed batches: one WAL sync each, for the WriteBatches "
                          "written since the last.")
                    .Register(*registry)
                    .Add({})),
        requests(prometheus::BuildCounter()
                     .Name("switchboard_append_requests_total")
                     .Help("Append calls made durable (one or more events each).")
                     .Register(*registry)
                     .Add({})),
        bytes(prometheus::BuildCounter()
                  .Name("switchboard_appended_bytes_total")
                  .Help("Bytes of records written to the log.")
                  .Register(*registry)
                  .Add({})),
        batch_events(prometheus::BuildHistogram()
                         .Name("switchboard_append_batch_events")
                         .Help("Events per group-committed batch.")
                         .Register(*registry)
                         .Add({}, kBatchEvents)),
        append_seconds(prometheus::BuildHistogram()
                           .Name("switchboard_append_seconds")
                           .Help("Time to write and sync one batch (WriteBatch + WAL sync).")
                           .Register(*registry)
                           .Add({}, kAppendSeconds)),
        http_requests(prometheus::BuildCounter()
                          .Name(kHttpRequests.name)
                          .Help(kHttpRequests.help)
                          .Register(*registry)),
        http_seconds(prometheus::BuildHistogram()
                         .Name(kHttpDuration.name)
                         .Help(kHttpDuration.help)
                         .Register(*registry)),
        websockets(std::make_shared<std::atomic<int64_t>>(0)),
        live(websockets) {}

  std::shared_ptr<prometheus::Registry> registry;
  Counter& events;
  Counter& batches;
  Counter& requests;
  Counter& bytes;
  Histogram& batch_events;
  Histogram& append_seconds;
  prometheus::Family<Counter>& http_requests;
  prometheus::Family<Histogram>& http_seconds;
  std::shared_ptr<std::atomic<int64_t>> websockets;
  LiveCollector live;
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::OnBatch(const es::BatchMetrics& batch) {
  // Counter::Increment is an atomic add; Histogram::Observe holds its own mutex for a few adds.
  try {
    impl_->events.Increment(static_cast<double>(batch.events));
    impl_->batches.Increment();
    impl_->requests.Increment(static_cast<double>(batch.requests));
    impl_->bytes.Increment(static_cast<double>(batch.bytes));
    impl_->batch_events.Observe(static_cast<double>(batch.events));
    impl_->append_seconds.Observe(static_cast<double>(batch.write_micros) / 1e6);
  } catch (...) {
    // Only allocation can throw here; a lost sample must not take the writer thread down.
  }
}

void Metrics::OnResponse(const Request& request, const std::string& route, int status,
                         double seconds) {
  try {
    const std::string& method = MethodLabel(request.method);
    impl_->http_requests
        .Add({{"route", route}, {"method", method}, {"status", std::to_string(status)}})
        .Increment();
    impl_->http_seconds.Add({{"route", route}, {"method", method}}, kHttpSeconds).Observe(seconds);
  } catch (...) {
    // As in OnBatch: a lost sample, never an exception into the server.
  }
}

WebSocketAcceptor Metrics::CountWebSockets(WebSocketAcceptor acceptor) {
  return CountingAcceptor(std::move(acceptor), impl_->websockets);
}

void Metrics::Attach(const es::EventStore* store, const actors::EntityCounters* counters) {
  impl_->live.Attach(store, counters);
}

void Metrics::Detach() { impl_->live.Attach(nullptr, nullptr); }

void Metrics::SetSources(MetricsSources sources) { impl_->live.SetSources(std::move(sources)); }

std::string Metrics::Scrape() const {
  auto families = impl_->registry->Collect();
  for (const Declared& declared : {kHttpRequests, kHttpDuration}) {
    bool present = false;
    for (const auto& family : families) present = present || family.name == declared.name;
    if (present) continue;
    prometheus::MetricFamily empty;
    empty.name = declared.name;
    empty.help = declared.help;
    empty.type = declared.type;
    families.push_back(std::move(empty));
  }
  auto live = impl_->live.Collect();
  families.insert(families.end(), std::make_move_iterator(live.begin()),
                  std::make_move_iterator(live.end()));
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace sb::http::metrics
