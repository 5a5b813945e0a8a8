// The shared console feed on its own: who a joined console hears, and from which position.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/api/console_hub.h"
#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

using http::api::ConsoleHub;

class Console : public ConsoleHub::Member {
 public:
  void Deliver(std::string frame) override {
    std::lock_guard<std::mutex> lock(mu_);
    frames_.push_back(boost::json::parse(frame).as_object());
  }
  std::vector<boost::json::object> frames() {
    std::lock_guard<std::mutex> lock(mu_);
    return frames_;
  }

 private:
  std::mutex mu_;
  std::vector<boost::json::object> frames_;
};

struct Hub {
  explicit Hub(es::EventStore* store)
      : hub(
            store, [](const std::string&) { return std::nullopt; }, [](const es::RecordedEvent&) {},
            [] {}) {}
  // Frames everything the log has made durable so far (the API answers once it is).
  void CatchUp() { REQUIRE(hub.Drain().ok()); }
  ConsoleHub hub;
};

void SetStatus(ServerFixture& s, const std::string& agent, const char* status) {
  REQUIRE(s.Call("PUT", "/api/v1/agents/" + agent + "/status", ServerFixture::Token("agent", agent),
                 std::string(R"({"status":")") + status + "\"}")
              .status == 200);
}

std::vector<std::string> Describe(const std::vector<boost::json::object>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) {
    out.push_back(std::string(f.at("type").as_string()) + " " +
                  std::string(f.at("data").at("agent_id").as_string()) + " " +
                  std::string(f.at("data").at("to").as_string()));
  }
  return out;
}

TEST_CASE("console hub: a console hears its own events from where it joined", "[integration]") {
  ServerFixture s;
  const auto admin = ServerFixture::Token("admin", "ops");
  for (const char* id : {"a-1", "a-2"}) {
    REQUIRE(s.Call("PUT", std::string("/api/v1/agents/") + id, admin, R"({"name":"A"})").status ==
            201);
  }
  Hub h(&s.store());
  SetStatus(s, "a-1", "online");  // before anyone joined: nobody hears it
  h.CatchUp();

  auto a1 = std::make_shared<Console>(), a2 = std::make_shared<Console>();
  auto staff = std::make_shared<Console>(), other_tenant = std::make_shared<Console>();
  const uint64_t here = s.store().LastPosition() + 1;
  REQUIRE(h.hub.Join(a1, {"acme", http::Role::kAgent, "a-1"}, here));
  REQUIRE(h.hub.Join(a2, {"acme", http::Role::kAgent, "a-2"}, here));
  REQUIRE(h.hub.Join(staff, {"acme", http::Role::kSupervisor, "sup"}, here));
  REQUIRE(h.hub.Join(other_tenant, {"globex", http::Role::kSupervisor, "sup"}, here));
  SetStatus(s, "a-1", "away");
  SetStatus(s, "a-2", "online");
  h.CatchUp();

  CHECK(Describe(a1->frames()) == std::vector<std::string>{"agent-status-changed a-1 away"});
  CHECK(Describe(a2->frames()) == std::vector<std::string>{"agent-status-changed a-2 online"});
  CHECK(Describe(staff->frames()) == std::vector<std::string>{"agent-status-changed a-1 away",
                                                              "agent-status-changed a-2 online"});
  CHECK(other_tenant->frames().empty());

  // Left: hears nothing more. The others go on.
  h.hub.Leave(a1.get());
  h.hub.Leave(a1.get());  // idempotent
  SetStatus(s, "a-1", "online");
  h.CatchUp();
  CHECK(a1->frames().size() == 1);
  CHECK(staff->frames().size() == 3);
}

TEST_CASE("console hub: a console behind the hub is refused; one ahead hears from its position",
          "[integration]") {
  ServerFixture s;
  const auto admin = ServerFixture::Token("admin", "ops");
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", admin, R"({"name":"A"})").status == 201);
  Hub h(&s.store());
  SetStatus(s, "a-1", "online");
  const uint64_t online_at = s.store().LastPosition();
  h.CatchUp();

  // It has framed `online_at` already: a console that has not seen it must read it itself.
  auto behind = std::make_shared<Console>();
  CHECK_FALSE(h.hub.Join(behind, {"acme", http::Role::kSupervisor, "sup"}, online_at));

  // A console that read further on its own than the hub has framed: nothing twice.
  SetStatus(s, "a-1", "away");
  const uint64_t away_at = s.store().LastPosition();
  SetStatus(s, "a-1", "break");
  auto ahead = std::make_shared<Console>();
  REQUIRE(h.hub.Join(ahead, {"acme", http::Role::kSupervisor, "sup"}, away_at + 1));
  h.CatchUp();
  CHECK(Describe(ahead->frames()) == std::vector<std::string>{"agent-status-changed a-1 break"});
}

}  // namespace
}  // namespace sb::testing
