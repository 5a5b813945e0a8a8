// Metrics: the process's Prometheus metrics (docs/metrics.md lists them), fed by cheap hooks on
// the hot paths and by live state read at scrape time. prometheus-cpp stays behind the pimpl so
// that users of this header compile quickly.
//
// Contracts:
//  - OnBatch runs on one of the log's threads (StoreOptions::on_batch) and OnResponse on HTTP
//    I/O threads (ServerOptions::on_response): both only bump atomics and take prometheus-cpp's
//    short per-metric locks, never the scrape lock, and never throw;
//  - Scrape reads only memory: atomics, the store's in-memory position and health, and the
//    MetricsSources. It never touches the disk, so it may run on an I/O thread;
//  - every family in docs/metrics.md is in every scrape (HELP and TYPE), with samples only for
//    values that exist: nothing attached, or an empty source, is "no data", never a zero;
//  - label values have bounded cardinality: routes are Router::RouteLabel templates, methods
//    outside the standard set are "other".
//
// Thread-safety: every method may be called from any thread.
#ifndef SWITCHBOARD_HTTP_METRICS_METRICS_H_
#define SWITCHBOARD_HTTP_METRICS_METRICS_H_

#include <memory>
#include <string>

#include "http/metrics/metrics_sources.h"
#include "http/request.h"
#include "http/server.h"

namespace sb::es {
class EventStore;
struct BatchMetrics;
}  // namespace sb::es

namespace sb::actors {
struct EntityCounters;
}

namespace sb::http::metrics {

// The Content-Type of Scrape()'s text (Prometheus text exposition format 0.0.4).
inline constexpr char kContentType[] = "text/plain; version=0.0.4";

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One durable batch of the log: events, requests, bytes and its WriteBatch + sync time.
  void OnBatch(const es::BatchMetrics& batch);
  // One answered HTTP request (or WebSocket handshake, status 101). `route` is the route
  // template; `seconds` from the first byte read to the response written.
  void OnResponse(const Request& request, const std::string& route, int status, double seconds);
  // `acceptor` whose sessions count as open WebSocket connections from OnOpen to OnClose.
  WebSocketAcceptor CountWebSockets(WebSocketAcceptor acceptor);

  // The live state scraped: the log's position and health, the entity actors' counters.
  // Either may be null. Both must stay valid until Detach returns (or the next Attach).
  void Attach(const es::EventStore* store, const actors::EntityCounters* counters);
  // After it returns no scrape reads what Attach gave. Idempotent.
  void Detach();

  // Replaces the sources (see metrics_sources.h). After it returns no scrape calls the old
  // ones, so SetSources({}) is how their owner lets go before destroying what they read.
  void SetSources(MetricsSources sources);

  // Every family, serialised by prometheus::TextSerializer (text format 0.0.4).
  std::string Scrape() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::http::metrics

#endif  // SWITCHBOARD_HTTP_METRICS_METRICS_H_
