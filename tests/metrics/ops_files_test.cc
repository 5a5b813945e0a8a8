// The ops files against what the server exports: every metric the Grafana dashboard and the
// alert rules use is in a real /metrics scrape, the dashboard is a
// well-formed Grafana dashboard, and promtool accepts (and unit-tests) the rules.
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "tests/app/server_fixture.h"
#include "tests/metrics/prometheus_text.h"
#include "tests/metrics/promtool.h"

namespace sb::testing {
namespace {

// Every "expr" string anywhere in `value` (panels, rows' nested panels, targets).
void CollectExprs(const boost::json::value& value, std::vector<std::string>* out) {
  if (const auto* object = value.if_object()) {
    for (const auto& [key, child] : *object) {
      if (key == "expr" && child.is_string()) out->emplace_back(child.as_string());
      CollectExprs(child, out);
    }
  } else if (const auto* array = value.if_array()) {
    for (const auto& child : *array) CollectExprs(child, out);
  }
}

// A scrape of the real server after one API request, so that the per-request families have
// samples too.
Exposition ServerScrape() {
  ServerFixture s;
  REQUIRE(s.Call("GET", "/healthz", "").status == 200);
  Exposition scrape;
  FixtureWait([&] {
    HttpClient client("127.0.0.1", s.port());
    auto reply = client.Request("GET", "/metrics");
    REQUIRE(reply.ok());
    REQUIRE(reply.value().status == 200);
    scrape = ParseExposition(reply.value().body);
    return scrape.Value("switchboard_http_requests_total", {{"route", "/healthz"}}).has_value();
  });
  return scrape;
}

// Fails naming each of `names` that `scrape` does not export.
void RequireExported(const std::set<std::string>& names, const Exposition& scrape,
                     const std::string& where) {
  REQUIRE(!names.empty());
  for (const auto& name : names) {
    INFO(where << " uses " << name);
    CHECK(scrape.types.count(FamilyOf(name, scrape)) == 1);
  }
}

TEST_CASE("the Grafana dashboard is well formed and uses only exported metrics", "[integration]") {
  const std::string text = ReadSourceFile("ops/grafana/switchboard.json");
  REQUIRE(!text.empty());
  boost::json::error_code ec;
  auto dashboard = boost::json::parse(text, ec);
  INFO(ec.message());
  REQUIRE(!ec);
  const auto& root = dashboard.as_object();
  CHECK(root.at("title").is_string());
  CHECK(root.at("uid").is_string());
  CHECK(root.at("schemaVersion").is_int64());
  const auto& panels = root.at("panels").as_array();
  REQUIRE(!panels.empty());
  std::set<int64_t> ids;
  for (const auto& value : panels) {
    const auto& panel = value.as_object();
    INFO(panel.at("title").as_string().c_str());
    CHECK(ids.insert(panel.at("id").as_int64()).second);
    const auto& grid = panel.at("gridPos").as_object();
    CHECK(grid.at("x").as_int64() + grid.at("w").as_int64() <= 24);
    if (panel.at("type").as_string() == "row") continue;
    const auto& targets = panel.at("targets").as_array();
    CHECK(!targets.empty());
    for (const auto& target : targets) {
      CHECK(target.as_object().at("expr").is_string());
      CHECK(target.as_object().at("refId").is_string());
    }
  }

  std::vector<std::string> exprs;
  CollectExprs(dashboard, &exprs);
  std::set<std::string> names;
  for (const auto& expr : exprs) {
    auto in = MetricNamesIn(expr);
    names.insert(in.begin(), in.end());
  }
  // What the brief asks the dashboard to show.
  for (const char* wanted :
       {"switchboard_events_appended_total", "switchboard_append_seconds_bucket",
        "switchboard_append_batch_events_bucket", "switchboard_live_actors",
        "switchboard_http_requests_total", "switchboard_http_request_duration_seconds_bucket",
        "switchboard_websocket_connections", "switchboard_calls", "switchboard_agents",
        "switchboard_projection_lag_events"}) {
    INFO(wanted);
    CHECK(names.count(wanted) == 1);
  }
  RequireExported(names, ServerScrape(), "the dashboard");
}

TEST_CASE("the alert rules pass promtool and use only exported metrics", "[integration]") {
  const std::string path = SourcePath("ops/prometheus/alerts.yml");
  auto check = PromtoolCheckRules(path);
  INFO("promtool: " << check.output);
  REQUIRE(check.exit_code == 0);
  auto unit = PromtoolTestRules(SourcePath("ops/prometheus/alerts_test.yml"));
  INFO("promtool test: " << unit.output);
  CHECK(unit.exit_code == 0);

  const auto names = MetricNamesIn(ReadSourceFile("ops/prometheus/alerts.yml"));
  for (const char* wanted :
       {"switchboard_projection_lag_events", "switchboard_eventstore_failed", "switchboard_agents",
        "switchboard_http_requests_total", "switchboard_http_request_duration_seconds_bucket"}) {
    INFO(wanted);
    CHECK(names.count(wanted) == 1);
  }
  RequireExported(names, ServerScrape(), "alerts.yml");
}

}  // namespace
}  // namespace sb::testing
