// GET /metrics on the real server (App over 127.0.0.1): real API requests move the counters,
// the console WebSocket moves the gauge, and `--metrics-listen`'s separate server is the only
// one that answers /metrics when it is set.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "http/metrics/metrics.h"
#include "tests/app/server_fixture.h"
#include "tests/metrics/prometheus_text.h"
#include "tests/metrics/promtool.h"

namespace sb::testing {
namespace {

// GET /metrics on `port` without credentials; requires a 200 in the Prometheus text format
// that promtool accepts, and returns it parsed.
Exposition Scrape(uint16_t port) {
  HttpClient client("127.0.0.1", port);
  auto reply = client.Request("GET", "/metrics");
  INFO(reply.status().ToString());
  REQUIRE(reply.ok());
  REQUIRE(reply.value().status == 200);
  CHECK(reply.value().Header("Content-Type") == std::string("text/plain; version=0.0.4"));
  const std::string& text = reply.value().body;
  auto lint = PromtoolCheckMetrics(text);
  INFO(text);
  INFO("promtool: " << lint.output);
  REQUIRE(lint.exit_code == 0);
  auto parsed = ParseExposition(text);
  REQUIRE(parsed.unreadable.empty());
  return parsed;
}

// on_response runs after the response is written, so a client can see its answer an instant
// before the count moves: scrape until every `name{match}` reaches `want` (20 s deadline), then
// return the scrape so that callers can check none went past.
Exposition ScrapeUntil(uint16_t port, const std::string& name, const std::vector<Labels>& matches,
                       double want) {
  Exposition scrape;
  FixtureWait([&] {
    scrape = Scrape(port);
    for (const auto& match : matches) {
      if (scrape.Value(name, match).value_or(0) < want) return false;
    }
    return true;
  });
  return scrape;
}

TEST_CASE("/metrics is valid Prometheus text that counts what the API did", "[integration]") {
  ServerFixture s;
  const std::string admin = ServerFixture::Token("admin", "ops");
  const std::string agent = ServerFixture::Token("agent", "a-1");
  const uint64_t before = s.store().LastPosition();

  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", admin, R"({"name":"Ada Agent","skills":{"sales":7}})")
              .status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", agent, R"({"status":"online","reason":"in"})")
              .status == 200);
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-1", admin,
                 R"({"name":"Cy","phone":"+14155550100","consent_in_app_calls":true})")
              .status == 201);
  // No console open: the lead is called over PSTN in mock mode.
  REQUIRE(s.Call("POST", "/api/v1/click-to-call/initiate", agent,
                 R"({"to_phone":"+14155550100","phone_type":"MOBILE","lead_id":"c-1",
                     "contact_name":"Cy","campaign_id":"spring","metadata":{}})")
              .status == 201);
  REQUIRE(s.Call("GET", "/api/v1/agents/a-1", "").status == 401);
  const uint64_t after = s.store().LastPosition();
  REQUIRE(after > before);

  // Each request came over its own connection, so their counts may land in any order.
  const std::vector<Labels> answered = {
      {{"route", "/api/v1/agents/{id}"}, {"method", "PUT"}, {"status", "201"}},
      {{"route", "/api/v1/agents/{id}/status"}, {"method", "PUT"}, {"status", "200"}},
      {{"route", "/api/v1/customers/{id}"}, {"method", "PUT"}, {"status", "201"}},
      {{"route", "/api/v1/click-to-call/initiate"}, {"method", "POST"}, {"status", "201"}},
      {{"route", "/api/v1/agents/{id}"}, {"method", "GET"}, {"status", "401"}},
  };
  auto m = ScrapeUntil(s.port(), "switchboard_http_requests_total", answered, 1);
  for (const auto& labels : answered) {
    INFO(labels.at("route") << " " << labels.at("status"));
    CHECK(m.Value("switchboard_http_requests_total", labels) == 1);
  }
  // Routes are templates: no raw path becomes a label value.
  for (const auto& sample : m.All("switchboard_http_requests_total")) {
    INFO(sample.labels.at("route"));
    CHECK(sample.labels.at("route").find("a-1") == std::string::npos);
  }
  CHECK(m.Value("switchboard_http_request_duration_seconds_count",
                {{"route", "/api/v1/click-to-call/initiate"}, {"method", "POST"}}) == 1);

  // Every event we caused went through a durable batch of this process.
  const double appended = m.Value("switchboard_events_appended_total").value();
  CHECK(appended >= static_cast<double>(after - before));
  CHECK(m.Value("switchboard_append_batch_events_sum") == appended);
  CHECK(m.Value("switchboard_append_batches_total") >= 1);
  CHECK(m.Value("switchboard_append_batches_total") == m.Value("switchboard_append_seconds_count"));
  CHECK(m.Value("switchboard_last_position") >= static_cast<double>(after));
  CHECK(m.Value("switchboard_last_position") <= static_cast<double>(s.store().LastPosition()));
  CHECK(m.Value("switchboard_eventstore_failed") == 0);
  // The agent, the customer and the call are actors now (none idle long enough to passivate).
  CHECK(m.Value("switchboard_live_actors") >= 3);
  CHECK(m.Value("switchboard_actor_spawns_total") >= m.Value("switchboard_live_actors"));
  CHECK(m.Value("switchboard_websocket_connections") == 0);
}

TEST_CASE("open console connections are the WebSocket gauge", "[integration]") {
  ServerFixture s;
  const std::string agent = ServerFixture::Token("agent", "a-1");
  auto value = [&](const char* name) { return Scrape(s.port()).Value(name).value_or(-1); };
  CHECK(value("switchboard_websocket_connections") == 0);
  auto first = s.Console(agent);
  auto second = s.Console(agent);
  FixtureWait([&] { return value("switchboard_websocket_connections") == 2; });
  // A refused upgrade (no token) never counts as open.
  auto refused = WsClient::Connect("127.0.0.1", s.port(), "/ws");
  CHECK(!refused.ok());
  CHECK(value("switchboard_websocket_connections") == 2);
  first.reset();
  FixtureWait([&] { return value("switchboard_websocket_connections") == 1; });
  second.reset();
  FixtureWait([&] { return value("switchboard_websocket_connections") == 0; });
  const Labels upgrades = {{"route", "/ws"}, {"method", "GET"}, {"status", "101"}};
  CHECK(ScrapeUntil(s.port(), "switchboard_http_requests_total", {upgrades}, 2)
            .Value("switchboard_http_requests_total", upgrades) == 2);
}

TEST_CASE("sources plugged into App::metrics() are scraped", "[integration]") {
  ServerFixture s;
  auto families = Scrape(s.port());
  for (const char* name :
       {"switchboard_calls", "switchboard_agents", "switchboard_projection_lag_events",
        "switchboard_projection_position"}) {
    INFO(name);
    CHECK(families.types.count(name) == 1);
  }

  http::metrics::MetricsSources sources;
  sources.calls_by_state = [] { return http::metrics::LabeledValues{{"RINGING", 2}}; };
  sources.agents_by_status = [] {
    return http::metrics::LabeledValues{{"online", 3}, {"offline", 1}};
  };
  sources.projection_lag = [] { return http::metrics::LabeledValues{{"calls", 0}}; };
  sources.projection_position = [&s] {
    return http::metrics::LabeledValues{{"calls", static_cast<double>(s.store().LastPosition())}};
  };
  s.app().metrics().SetSources(sources);
  auto m = Scrape(s.port());
  CHECK(m.Value("switchboard_calls", {{"state", "RINGING"}}) == 2);
  CHECK(m.Value("switchboard_agents", {{"status", "online"}}) == 3);
  CHECK(m.Value("switchboard_agents", {{"status", "offline"}}) == 1);
  CHECK(m.Value("switchboard_projection_lag_events", {{"projection", "calls"}}) == 0);
  CHECK(m.Value("switchboard_projection_position", {{"projection", "calls"}}) ==
        static_cast<double>(s.store().LastPosition()));
  s.app().metrics().SetSources({});
}

TEST_CASE("with a metrics listen address, /metrics is served only there", "[integration]") {
  ServerFixture s([](http::api::AppOptions& options) {
    http::ServerOptions metrics_server;
    metrics_server.address = "127.0.0.1";
    metrics_server.port = 0;
    metrics_server.threads = 1;
    options.metrics_server = metrics_server;
  });
  const uint16_t metrics_port = s.app().metrics_port();
  REQUIRE(metrics_port != 0);
  REQUIRE(metrics_port != s.port());

  CHECK(s.Call("GET", "/metrics", "").status == 404);
  CHECK(s.Call("GET", "/healthz", "").status == 200);
  {
    HttpClient client("127.0.0.1", metrics_port);
    auto api = client.Request("GET", "/healthz");
    REQUIRE(api.ok());
    CHECK(api.value().status == 404);  // the metrics server has no API routes
  }
  const Labels healthz = {{"route", "/healthz"}, {"method", "GET"}, {"status", "200"}};
  auto m = ScrapeUntil(metrics_port, "switchboard_http_requests_total", {healthz}, 1);
  // Both servers feed the same metrics; the main one's 404 has no route.
  CHECK(m.Value("switchboard_http_requests_total", healthz) == 1);
  const Labels unmatched = {{"route", "unmatched"}, {"status", "404"}};
  CHECK(ScrapeUntil(metrics_port, "switchboard_http_requests_total", {unmatched}, 2)
            .Value("switchboard_http_requests_total", unmatched) == 2);
  // The scrapes themselves count too, each one after it is written.
  const Labels scrapes = {{"route", "/metrics"}, {"method", "GET"}, {"status", "200"}};
  CHECK(ScrapeUntil(metrics_port, "switchboard_http_requests_total", {scrapes}, 1)
            .Value("switchboard_http_requests_total", scrapes) >= 1);
}

}  // namespace
}  // namespace sb::testing
