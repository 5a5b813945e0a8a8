#include "http/api/app.h"

#include <utility>

#include "http/api/console_feed.h"
#include "http/api/routes.h"

namespace sb::http::api {

struct App::Http {
  std::unique_ptr<ConsoleFeed> feed;
  std::unique_ptr<Server> server;
};

Result<std::unique_ptr<App>> App::Start(AppOptions options) {
  if (options.jwt_secret.empty()) return Status::InvalidArgument("a JWT secret is required");
  if (options.api.presence_grace_seconds < 0 || options.api.presence_grace_seconds > 3600) {
    return Status::InvalidArgument("the presence grace must be 0..3600 seconds");
  }
  auto store = es::EventStore::Open(options.data_dir);
  if (!store.ok()) return store.status();

  std::unique_ptr<App> app(new App());
  app->store_ = std::move(store).value();
  options.runtime.presence_grace_seconds = options.api.presence_grace_seconds;
  app->runtime_ = actors::Runtime::Start(app->store_.get(), options.runtime);
  app->context_ = std::make_shared<ApiContext>();
  app->context_->runtime = app->runtime_.get();
  app->context_->store = app->store_.get();
  app->context_->jwt_secret = options.jwt_secret;
  app->context_->settings = options.api;

  auto router = std::make_shared<Router>();
  AddHealthRoutes(*router, app->context_);
  AddCallRoutes(*router, app->context_);
  AddAgentRoutes(*router, app->context_);
  AddCustomerRoutes(*router, app->context_);

  app->http_ = std::make_unique<Http>();
  app->http_->feed = std::make_unique<ConsoleFeed>(app->context_);
  app->http_->server = std::make_unique<Server>(options.server, router);
  app->http_->server->AddWebSocket("/ws", app->http_->feed->Acceptor());
  if (auto status = app->http_->server->Start(); !status.ok()) return status;
  return app;
}

App::~App() { Stop(); }

void App::Stop() {
  if (http_) {
    http_->server->Stop();
    http_->feed.reset();
    http_.reset();
  }
  if (runtime_) runtime_->Stop();
  runtime_.reset();
  store_.reset();
}

uint16_t App::port() const { return http_ ? http_->server->port() : 0; }
bool App::ready() const { return runtime_ && runtime_->ready(); }
es::EventStore& App::store() { return *store_; }
actors::Runtime& App::runtime() { return *runtime_; }

}  // namespace sb::http::api
