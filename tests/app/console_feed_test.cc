// The console feed across reconnects: a client that comes back with ?since= gets every frame
// it missed, in order, and then live ones.
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

// Reads frames until `count` arrived; returns their positions.
std::vector<uint64_t> ReadPositions(WsClient& ws, size_t count) {
  std::vector<uint64_t> positions;
  while (positions.size() < count) {
    auto message = ws.Read(std::chrono::seconds(10));
    INFO(message.status().ToString());
    REQUIRE(message.ok());
    positions.push_back(boost::json::parse(message.value()).at("position").to_number<uint64_t>());
  }
  return positions;
}

TEST_CASE("a console that reconnects with since loses nothing", "[integration]") {
  ServerFixture s;
  const auto admin = ServerFixture::Token("admin", "ops");
  const auto agent = ServerFixture::Token("agent", "a-1");
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", admin, R"({"name":"Ada"})").status == 201);

  auto witness = s.Console(admin);  // stays connected throughout
  auto flaky = s.Console(admin);
  const char* statuses[] = {"online", "away", "online", "break", "online", "away"};
  for (int i = 0; i < 3; ++i) {
    REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", agent,
                   std::string(R"({"status":")") + statuses[i] + "\"}")
                .status == 200);
  }
  auto seen = ReadPositions(*flaky, 3);
  flaky->Abort();
  for (int i = 3; i < 6; ++i) {
    REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", agent,
                   std::string(R"({"status":")") + statuses[i] + "\"}")
                .status == 200);
  }
  auto resumed = s.Console(admin, "&since=" + std::to_string(seen.back()));
  // One more while connected: missed frames first, then live ones.
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", agent, R"({"status":"break"})").status == 200);
  auto rest = ReadPositions(*resumed, 4);
  auto all = ReadPositions(*witness, 7);

  std::vector<uint64_t> stitched = seen;
  stitched.insert(stitched.end(), rest.begin(), rest.end());
  CHECK(stitched == all);
  for (size_t i = 1; i < stitched.size(); ++i) CHECK(stitched[i] > stitched[i - 1]);
}

TEST_CASE("a console with since=0 replays what it is entitled to", "[integration]") {
  ServerFixture s;
  const auto admin = ServerFixture::Token("admin", "ops");
  const auto a1 = ServerFixture::Token("agent", "a-1");
  const auto a2 = ServerFixture::Token("agent", "a-2");
  for (const char* id : {"a-1", "a-2"}) {
    REQUIRE(s.Call("PUT", std::string("/api/v1/agents/") + id, admin, R"({"name":"A"})").status ==
            201);
  }
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", a1, R"({"status":"online"})").status == 200);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-2/status", a2, R"({"status":"away"})").status == 200);
  auto own = s.Console(a1, "&since=0");
  auto frame = NextFrame(*own, "agent-status-changed");
  CHECK(Str(frame.at("data").at("agent_id")) == "a-1");
  CHECK(Str(frame.at("data").at("to")) == "online");
  // a-2's change is not a-1's to see: nothing more arrives.
  auto more = own->Read(std::chrono::milliseconds(300));
  CHECK_FALSE(more.ok());
}

TEST_CASE("a bad since is refused", "[integration]") {
  ServerFixture s;
  HttpReply refused;
  auto ws =
      WsClient::Connect("127.0.0.1", s.port(),
                        "/ws?since=-3&token=" + ServerFixture::Token("admin", "ops"), {}, &refused);
  CHECK_FALSE(ws.ok());
  CHECK(refused.status == 400);
}

}  // namespace
}  // namespace sb::testing
