#include "http/api/app.h"

#include <utility>

#include "http/api/console_feed.h"
#include "http/api/routes.h"
#include "http/metrics/metrics.h"
#include "http/metrics/metrics_route.h"
#include "projections/agents_projection.h"
#include "projections/call_sessions_projection.h"
#include "projections/default_projections.h"

namespace sb::http::api {

struct App::Http {
  std::unique_ptr<ConsoleFeed> feed;
  std::unique_ptr<Server> server;
  std::unique_ptr<Server> metrics_server;  // only with AppOptions::metrics_server
};

namespace {

// Feeds `metrics` from `server`'s responses, keeping a hook the caller had set.
void HookResponses(ServerOptions& server, const std::shared_ptr<metrics::Metrics>& metrics) {
  server.on_response = [metrics, chained = std::move(server.on_response)](
                           const Request& request, const std::string& route, int status,
                           double seconds) {
    metrics->OnResponse(request, route, status, seconds);
    if (chained) chained(request, route, status, seconds);
  };
}

// The read models' gauges: entities by status and each projection's position and lag, all
// from the engine's memory (a scrape never reads the disk).
metrics::MetricsSources ProjectionMetrics(const projections::ProjectionEngine* engine) {
  auto by_status = [engine](const char* projection) {
    return [engine, projection] {
      metrics::LabeledValues out;
      for (const auto& [status, count] : engine->StatusCounts(projection)) {
        out.emplace_back(status, static_cast<double>(count));
      }
      return out;
    };
  };
  auto per_projection = [engine](uint64_t projections::ProjectionInfo::*field) {
    return [engine, field] {
      metrics::LabeledValues out;
      for (const auto& info : engine->List()) {
        out.emplace_back(info.name, static_cast<double>(info.*field));
      }
      return out;
    };
  };
  metrics::MetricsSources sources;
  sources.calls_by_state = by_status(projections::CallSessionsProjection::kName);
  sources.agents_by_status = by_status(projections::AgentsProjection::kName);
  sources.projection_lag = per_projection(&projections::ProjectionInfo::lag);
  sources.projection_position = per_projection(&projections::ProjectionInfo::position);
  return sources;
}

}  // namespace

Result<std::unique_ptr<App>> App::Start(AppOptions options) {
  if (options.jwt_secret.empty()) return Status::InvalidArgument("a JWT secret is required");
  if (options.api.presence_grace_seconds < 0 || options.api.presence_grace_seconds > 3600) {
    return Status::InvalidArgument("the presence grace must be 0..3600 seconds");
  }
  auto meters = std::make_shared<metrics::Metrics>();
  es::StoreOptions store_options;
  store_options.on_batch = [meters](const es::BatchMetrics& batch) { meters->OnBatch(batch); };
  auto store = es::EventStore::Open(options.data_dir, std::move(store_options));
  if (!store.ok()) return store.status();

  std::unique_ptr<App> app(new App());
  app->metrics_ = meters;
  app->store_ = std::move(store).value();
  options.runtime.presence_grace_seconds = options.api.presence_grace_seconds;
  app->runtime_ = actors::Runtime::Start(app->store_.get(), options.runtime);
  app->context_ = std::make_shared<ApiContext>();
  app->context_->runtime = app->runtime_.get();
  app->context_->store = app->store_.get();
  app->context_->tokens = std::make_shared<const TokenVerifier>(options.jwt_secret);
  app->context_->settings = options.api;
  auto engine =
      projections::ProjectionEngine::Open(app->store_.get(), projections::DefaultProjections());
  if (!engine.ok()) return engine.status();
  app->projections_ = std::move(engine).value();
  app->projections_->Start();
  app->context_->projections = app->projections_.get();
  meters->SetSources(ProjectionMetrics(app->projections_.get()));
  auto providers = projections::ProviderDirectory::Open(app->store_.get());
  if (!providers.ok()) return providers.status();
  app->providers_ = std::move(providers).value();
  app->context_->providers = app->providers_.get();
  auto policies =
      projections::EntityDirectory<domain::CallingPolicyDecider>::Open(app->store_.get());
  if (!policies.ok()) return policies.status();
  app->policies_ = std::move(policies).value();
  app->context_->policies = app->policies_.get();
  auto dialing = CallDialing::Create(app->runtime_.get(), options.dialing);
  if (!dialing.ok()) return dialing.status();
  app->dialing_ = std::move(dialing).value();
  app->context_->dialing = app->dialing_.get();
  auto routing = actors::Router::Start(app->store_.get(), app->runtime_.get());
  if (!routing.ok()) return routing.status();
  app->router_ = std::move(routing).value();
  app->context_->router = app->router_.get();
  app->context_->blocking =
      std::make_shared<actors::BlockingPool>(options.query_threads, "sb-query");
  meters->Attach(app->store_.get(), &app->runtime_->counters());

  auto router = std::make_shared<Router>();
  AddHealthRoutes(*router, app->context_);
  AddCallRoutes(*router, app->context_);
  AddAgentRoutes(*router, app->context_);
  AddCustomerRoutes(*router, app->context_);
  AddQueryRoutes(*router, app->context_);
  AddProjectionRoutes(*router, app->context_);
  AddAuditRoutes(*router, app->context_);
  AddAdminRoutes(*router, app->context_);
  AddProviderRoutes(*router, app->context_);
  AddQueueRoutes(*router, app->context_);
  AddWebhookRoutes(*router, app->context_);
  AddSupportRoutes(*router, app->context_);
  AddPolicyRoutes(*router, app->context_);
  if (!options.metrics_server) metrics::AddMetricsRoute(*router, meters);
  // A write is answered once it is durable, so the log's end then covers it: a client passes
  // X-Log-Position as ?min_position= to read its own write from a read model.
  router->SetAnswerHook([store = app->store_.get()](const std::string& method, Response* r) {
    if (method == "GET" || method == "HEAD" || r->status >= 300) return;
    r->headers.emplace_back("X-Log-Position", std::to_string(store->LastPosition()));
  });

  app->http_ = std::make_unique<Http>();
  app->http_->feed = std::make_unique<ConsoleFeed>(app->context_);
  HookResponses(options.server, meters);
  app->http_->server = std::make_unique<Server>(options.server, router);
  app->http_->server->AddWebSocket("/ws", meters->CountWebSockets(app->http_->feed->Acceptor()));
  if (options.metrics_server) {
    auto metrics_router = std::make_shared<Router>();
    metrics::AddMetricsRoute(*metrics_router, meters);
    HookResponses(*options.metrics_server, meters);
    app->http_->metrics_server = std::make_unique<Server>(*options.metrics_server, metrics_router);
    if (auto status = app->http_->metrics_server->Start(); !status.ok()) return status;
  }
  if (auto status = app->http_->server->Start(); !status.ok()) return status;
  return app;
}

App::~App() { Stop(); }

void App::Stop() {
  if (http_) {
    if (http_->metrics_server) http_->metrics_server->Stop();
    http_->server->Stop();
    http_->feed.reset();
    http_.reset();
  }
  // No scrape may read the runtime's counters, the store or the sources' owners from here on.
  if (metrics_) {
    metrics_->Detach();
    metrics_->SetSources({});
  }
  // Queued queries and rebuild requests finish (their connections are gone) before the read
  // models they use stop.
  if (context_) context_->blocking.reset();
  // Dials in flight end (their attempts are recorded) while the actors still run.
  dialing_.reset();
  router_.reset();
  providers_.reset();
  policies_.reset();
  if (projections_) projections_->Stop();
  projections_.reset();
  if (runtime_) runtime_->Stop();
  runtime_.reset();
  store_.reset();
}

uint16_t App::port() const { return http_ ? http_->server->port() : 0; }
bool App::ready() const { return runtime_ && runtime_->ready(); }
es::EventStore& App::store() { return *store_; }
actors::Runtime& App::runtime() { return *runtime_; }
projections::ProjectionEngine& App::projections() { return *projections_; }
metrics::Metrics& App::metrics() { return *metrics_; }
uint16_t App::metrics_port() const {
  return http_ && http_->metrics_server ? http_->metrics_server->port() : 0;
}

}  // namespace sb::http::api
