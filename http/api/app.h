// App: one switchboard server process — the log, the actors, the API routes, the console feed
// and the HTTP server over them — started and stopped in the right order. `switchboard serve`
// and the integration tests both run exactly this.
#ifndef SWITCHBOARD_HTTP_API_APP_H_
#define SWITCHBOARD_HTTP_API_APP_H_

#include <memory>
#include <optional>
#include <string>

#include "actors/runtime.h"
#include "domain/result.h"
#include "eventstore/event_store.h"
#include "http/api/api_context.h"
#include "http/api/call_dialing.h"
#include "http/server.h"

namespace sb::http::metrics {
class Metrics;
}

namespace sb::http::api {

struct AppOptions {
  std::string data_dir = "./data";
  std::string jwt_secret;  // required
  ServerOptions server;
  actors::RuntimeOptions runtime;
  ApiSettings api;
  int query_threads = 2;  // read-model queries, log reads and backups (ApiContext::blocking)
  // Set: GET /metrics is served only by a second server with these options (e.g. on an
  // address that only the scraper reaches), not by `server`. Unset: `server` serves it too.
  std::optional<ServerOptions> metrics_server;
  // How calls leave through VoIP providers (TLS trust, circuit breaker, retry backoff).
  CallDialingOptions dialing;
};

class App {
 public:
  // Opens the log (Busy if another process owns it), starts the actors (recovery continues in
  // the background: /readyz says when it is done) and listens.
  static Result<std::unique_ptr<App>> Start(AppOptions options);
  ~App();  // Stop()

  // Stops accepting, closes connections, stops the actors (in-flight appends complete), then
  // closes the log. Idempotent.
  void Stop();

  uint16_t port() const;
  bool ready() const;
  es::EventStore& store();
  actors::Runtime& runtime();
  projections::ProjectionEngine& projections();
  // The process's metrics. Plug the read models' gauges in with
  // metrics().SetSources(MetricsSources{...}) (http/metrics/metrics.h), and SetSources({})
  // before destroying what they read. Valid for the App's whole life, also after Stop.
  metrics::Metrics& metrics();
  // The bound port of the metrics server (0 when metrics_server is unset or before Start).
  uint16_t metrics_port() const;

 private:
  App() = default;
  // First, so it is destroyed last: the store's on_batch hook and live sessions hold it too.
  std::shared_ptr<metrics::Metrics> metrics_;
  std::unique_ptr<es::EventStore> store_;
  std::unique_ptr<actors::Runtime> runtime_;
  std::unique_ptr<projections::ProjectionEngine> projections_;
  std::unique_ptr<projections::ProviderDirectory> providers_;
  std::unique_ptr<projections::EntityDirectory<domain::CallingPolicyDecider>> policies_;
  std::unique_ptr<CallDialing> dialing_;
  std::unique_ptr<actors::Router> router_;
  std::shared_ptr<ApiContext> context_;
  struct Http;
  std::unique_ptr<Http> http_;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_APP_H_
