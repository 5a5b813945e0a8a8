// The real server (App) on 127.0.0.1 with a temp log, and clients that talk to it over sockets.
#ifndef SWITCHBOARD_TESTS_APP_SERVER_FIXTURE_H_
#define SWITCHBOARD_TESTS_APP_SERVER_FIXTURE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/api/app.h"
#include "http/auth.h"
#include "tests/support/http_client.h"
#include "tests/support/temp_dir.h"
#include "tests/support/ws_client.h"

namespace sb::testing {

inline constexpr char kSecret[] = "integration-test-secret";

class ServerFixture {
 public:
  explicit ServerFixture(std::function<void(http::api::AppOptions&)> configure = {})
      : configure_(std::move(configure)) {
    Start();
  }
  ~ServerFixture() { Stop(); }

  void Start() {
    http::api::AppOptions options;
    options.data_dir = dir_.Sub("data");
    options.jwt_secret = kSecret;
    options.server.port = port_;  // 0 first; the same port after a restart
    options.server.ws_idle_timeout = std::chrono::milliseconds(1000);
    options.api.presence_grace_seconds = 1;
    if (configure_) configure_(options);
    auto app = http::api::App::Start(std::move(options));
    INFO(app.status().ToString());
    REQUIRE(app.ok());
    app_ = std::move(app).value();
    port_ = app_->port();
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!app_->ready()) {
      REQUIRE(std::chrono::steady_clock::now() < until);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  void Stop() { app_.reset(); }
  void Restart() {
    Stop();
    Start();
  }

  static std::string Token(const std::string& role, const std::string& subject,
                           const std::string& tenant = "acme") {
    http::Principal p{tenant, *http::ParseRole(role), subject};
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    auto token = http::MintToken(kSecret, p, 3600, now);
    REQUIRE(token.ok());
    return token.value();
  }

  // One request with `token` as the bearer (none when empty), on a fresh client.
  HttpReply Call(const std::string& method, const std::string& target, const std::string& token,
                 const std::string& body = {}, HeaderList headers = {}) {
    HttpClient client("127.0.0.1", port_);
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    auto reply = client.Request(method, target, body, headers);
    INFO(method << " " << target << ": " << reply.status().ToString());
    REQUIRE(reply.ok());
    return std::move(reply).value();
  }

  std::unique_ptr<WsClient> Console(const std::string& token, const std::string& query = "") {
    auto ws = WsClient::Connect("127.0.0.1", port_, "/ws?token=" + token + query);
    INFO(ws.status().ToString());
    REQUIRE(ws.ok());
    return std::move(ws).value();
  }

  uint16_t port() const { return port_; }
  es::EventStore& store() { return app_->store(); }
  http::api::App& app() { return *app_; }

 private:
  std::function<void(http::api::AppOptions&)> configure_;
  TempDir dir_;
  uint16_t port_ = 0;
  std::unique_ptr<http::api::App> app_;
};

// Reads frames until one of `type` arrives (others are skipped); fails after 10 s.
inline boost::json::object NextFrame(WsClient& ws, const std::string& type) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    INFO("waiting for a " << type << " frame");
    REQUIRE(left.count() > 0);
    auto message = ws.Read(left);
    INFO(message.status().ToString());
    REQUIRE(message.ok());
    auto frame = boost::json::parse(message.value()).as_object();
    if (frame.at("type").as_string() == type) return frame;
  }
}

// Polls `condition` every 20 ms for up to 20 s (a deadline, not a timing assertion).
inline void FixtureWait(const std::function<bool()>& condition) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!condition()) {
    REQUIRE(std::chrono::steady_clock::now() < until);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

inline std::string Str(const boost::json::value& v) { return std::string(v.as_string()); }

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_APP_SERVER_FIXTURE_H_
