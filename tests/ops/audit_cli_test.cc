// `switchboard audit` and `switchboard backup`, run as an operator runs them, over a log that
// holds a call written with the domain's own codec (so --at folds real events).

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "domain/call_decider.h"
#include "domain/time.h"
#include "eventstore/event_store.h"
#include "tests/support/run_switchboard.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

using domain::CallDecider;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const domain::Timestamp kT0 = domain::ParseTimestamp("2026-12-01T10:00:00Z").value();
const char kCall[] = "acme/call/c-42";

es::EventData Recorded(const CallDecider::Event& event, domain::Timestamp at,
                       const std::string& actor) {
  es::EventData e;
  e.id = es::NewEventId();
  e.type = CallDecider::TypeOf(event);
  e.payload = CallDecider::EncodeEvent(event);
  e.tenant = "acme";
  e.actor = actor;
  e.correlation_id = "flow-1";
  e.timestamp_us = at;
  return e;
}

// A call initiated at 10:00:00, ringing at :05, answered at :10 and ended at 10:01:00, plus an
// agent event in between so positions and versions differ. Returns the store's last position.
uint64_t FillCall(const std::string& dir) {
  auto store = std::move(es::EventStore::Open(dir).value());
  domain::CallInitiated initiated;
  initiated.to_phone = "+14155550100";
  initiated.lead_id = "cust-1";
  initiated.agent_id = "a-1";
  initiated.mode = domain::CallMode::kMock;
  initiated.ring_timeout_seconds = 30;
  initiated.deadline = kT0 + domain::Seconds(30);
  initiated.at = kT0;
  domain::CallRinging ringing{kT0 + domain::Seconds(5)};
  domain::CallConnected connected{"status_api", kT0 + domain::Seconds(10)};
  domain::CallEnded ended{domain::CallStatus::kCompleted, "done talking",
                          kT0 + domain::Seconds(60)};
  auto append = [&](const std::string& stream, es::EventData e) {
    REQUIRE(store->Append(stream, es::ExpectedVersion::Any(), {e}).status.ok());
  };
  append(kCall, Recorded(initiated, initiated.at, "agent:a-1"));
  es::EventData other;
  other.id = es::NewEventId();
  other.type = "AgentNoted";
  other.tenant = "acme";
  other.timestamp_us = kT0 + domain::Seconds(1);
  append("acme/agent/a-1", other);
  append(kCall, Recorded(ringing, ringing.at, "system"));
  append(kCall, Recorded(connected, connected.at, "agent:a-1"));
  append(kCall, Recorded(ended, ended.at, "agent:a-1"));
  return store->LastPosition();
}

boost::json::object StateJson(const std::string& dir, const std::string& at) {
  auto run =
      Switchboard("audit " + std::string(kCall) + " --data " + dir + " --at " + at + " --json");
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  return boost::json::parse(run.out).as_object();
}

TEST_CASE("switchboard audit prints a stream's timeline beside an open log", "[ops][audit]") {
  TempDir dir;
  FillCall(dir.path());
  // A running server holds the log; the audit reads it as a follower.
  auto owner = std::move(es::EventStore::Open(dir.path()).value());

  auto run = Switchboard("audit " + std::string(kCall) + " --data " + dir.path());
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  auto lines = Lines(run.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].rfind("2026-12-01T10:00:00.000000Z  v1  @1  CallInitiated  by agent:a-1", 0) == 0);
  CHECK(Contains(lines[0], "\"to_phone\":\"+14155550100\""));
  CHECK(lines[1].rfind("2026-12-01T10:00:05.000000Z  v2  @3  CallRinging  by system", 0) == 0);
  CHECK(lines[2].rfind("2026-12-01T10:00:10.000000Z  v3  @4  CallConnected", 0) == 0);
  CHECK_FALSE(Contains(lines[2], "why"));
  CHECK(lines[3].rfind("2026-12-01T10:01:00.000000Z  v4  @5  CallEnded  by agent:a-1  "
                       "why \"done talking\"  {",
                       0) == 0);

  auto json = Switchboard("audit " + std::string(kCall) + " --data " + dir.path() + " --json");
  REQUIRE(json.exit_code == 0);
  auto json_lines = Lines(json.out);
  REQUIRE(json_lines.size() == 4);
  auto last = boost::json::parse(json_lines[3]).as_object();
  CHECK(last.at("position").as_int64() == 5);
  CHECK(last.at("version").as_int64() == 4);
  CHECK(last.at("correlation_id").as_string() == "flow-1");
  CHECK(last.at("payload").at("reason").as_string() == "done talking");
}

TEST_CASE("switchboard audit --at folds the entity as it was then", "[ops][audit]") {
  TempDir dir;
  FillCall(dir.path());

  auto before = StateJson(dir.path(), "2026-12-01T09:59:59Z");
  CHECK(before.at("version").as_int64() == 0);
  CHECK(before.at("timestamp").is_null());
  CHECK_FALSE(before.at("state").at("exists").as_bool());

  auto ringing = StateJson(dir.path(), "2026-12-01T10:00:07Z");
  CHECK(ringing.at("version").as_int64() == 2);
  CHECK(ringing.at("position").as_int64() == 3);
  CHECK(ringing.at("timestamp").as_string() == "2026-12-01T10:00:05Z");
  CHECK(ringing.at("state").at("status").as_string() == "RINGING");

  // An offset and the exact instant of an event: the event is included (timestamp <= at).
  auto connected = StateJson(dir.path(), "2026-12-01T11:00:10+01:00");
  CHECK(connected.at("state").at("status").as_string() == "CONNECTED");

  // Microseconds since the epoch, after the end.
  auto ended = StateJson(dir.path(), std::to_string(kT0 + domain::Seconds(3600)));
  CHECK(ended.at("version").as_int64() == 4);
  CHECK(ended.at("state").at("status").as_string() == "COMPLETED");
  CHECK(ended.at("state").at("end_reason").as_string() == "done talking");

  auto text = Switchboard("audit " + std::string(kCall) + " --data " + dir.path() +
                          " --at 2026-12-01T10:00:07Z");
  INFO(text.out);
  REQUIRE(text.exit_code == 0);
  CHECK(Contains(text.out, "acme/call/c-42 at 2026-12-01T10:00:07.000000Z: version 2, position 3"));
  CHECK(Contains(text.out, "  status: \"RINGING\"\n"));
}

TEST_CASE("switchboard audit refuses bad arguments and missing streams", "[ops][audit]") {
  TempDir dir;
  FillCall(dir.path());
  const std::string data = " --data " + dir.path();

  auto help = Switchboard("audit --help");
  CHECK(help.exit_code == 0);
  CHECK(Contains(help.out, "usage: switchboard audit STREAM"));
  CHECK(Contains(help.out, "--at"));

  auto no_stream = Switchboard("audit" + data);
  CHECK(no_stream.exit_code == 2);
  CHECK(Contains(no_stream.out, "which stream?"));
  auto malformed = Switchboard("audit acme-call-1" + data);
  CHECK(malformed.exit_code == 2);
  CHECK(Contains(malformed.out, "<tenant>/<kind>/<id>"));
  auto bad_at = Switchboard("audit " + std::string(kCall) + data + " --at yesterday");
  CHECK(bad_at.exit_code == 2);
  CHECK(Contains(bad_at.out, "--at: 'yesterday' is neither"));
  auto local_time = Switchboard("audit " + std::string(kCall) + data + " --at 2026-12-01T10:00:00");
  CHECK(local_time.exit_code == 2);
  auto no_decider = Switchboard("audit acme/chat/1" + data + " --at 0");
  CHECK(no_decider.exit_code == 2);
  CHECK(Contains(no_decider.out, "kind call, agent or customer"));
  auto two = Switchboard("audit " + std::string(kCall) + " acme/call/2" + data);
  CHECK(two.exit_code == 2);

  auto missing = Switchboard("audit acme/call/nope" + data);
  CHECK(missing.exit_code == 1);
  CHECK(Contains(missing.out, "no stream acme/call/nope"));
  auto missing_at = Switchboard("audit acme/call/nope" + data + " --at 0");
  CHECK(missing_at.exit_code == 1);
  // Another tenant's name is just another stream: it does not exist here.
  CHECK(Switchboard("audit other/call/c-42" + data).exit_code == 1);
  auto no_log = Switchboard("audit " + std::string(kCall) + " --data " + dir.Sub("none"));
  CHECK(no_log.exit_code == 1);
  CHECK(Contains(no_log.out, "no event log in"));
}

TEST_CASE("switchboard backup writes a copy that verifies and audits the same", "[ops][backup]") {
  TempDir dir;
  const std::string data = dir.Sub("data");
  const uint64_t last = FillCall(data);
  const std::string copy = dir.Sub("copy");

  auto run = Switchboard("backup --data " + data + " --to " + copy);
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(Contains(run.out, "backup written to " + copy + ": last position " + std::to_string(last)));

  auto verify = Switchboard("verify --data " + copy);
  INFO(verify.out);
  CHECK(verify.exit_code == 0);
  CHECK(Contains(verify.out, "OK: 5 events, 2 streams, last position 5"));
  CHECK(Switchboard("audit " + std::string(kCall) + " --data " + copy).out ==
        Switchboard("audit " + std::string(kCall) + " --data " + data).out);

  // The copy is an ordinary data directory: it opens as an owner and takes appends.
  {
    auto reopened = es::EventStore::Open(copy);
    REQUIRE(reopened.ok());
    CHECK((*reopened)->LastPosition() == last);
  }

  // A trailing slash names the same directory.
  auto slash = Switchboard("backup --data " + data + " --to " + dir.Sub("copy-2") + "/");
  INFO(slash.out);
  CHECK(slash.exit_code == 0);
  CHECK(Contains(slash.out, "backup written to " + dir.Sub("copy-2") + ": last position"));

  auto again = Switchboard("backup --data " + data + " --to " + copy);
  CHECK(again.exit_code == 1);
  CHECK(Contains(again.out, "already exists"));
}

TEST_CASE("switchboard backup refuses bad arguments, missing logs and a busy directory",
          "[ops][backup]") {
  TempDir dir;
  const std::string data = dir.Sub("data");
  FillCall(data);

  auto no_to = Switchboard("backup --data " + data);
  CHECK(no_to.exit_code == 2);
  CHECK(Contains(no_to.out, "usage: switchboard backup"));
  auto help = Switchboard("backup --help");
  CHECK(help.exit_code == 0);
  CHECK(Contains(help.out, "--to"));

  auto no_log = Switchboard("backup --data " + dir.Sub("typo") + " --to " + dir.Sub("c1"));
  CHECK(no_log.exit_code == 1);
  CHECK(Contains(no_log.out, "no event log in"));
  CHECK_FALSE(std::filesystem::exists(dir.Sub("typo")));  // a typo creates no empty log
  CHECK_FALSE(std::filesystem::exists(dir.Sub("c1")));

  // A running server owns the directory, with appends only in its WAL: the copy is taken
  // through a follower and kept because it verifies whole, and the owner is left undisturbed
  // (a DB::Open that fails on the lock would rotate the owner's info LOG).
  auto owner = std::move(es::EventStore::Open(data).value());
  for (int i = 0; i < 3; ++i) {
    es::EventData e;
    e.id = es::NewEventId();
    e.type = "AgentNoted";
    e.tenant = "acme";
    REQUIRE(owner->Append("acme/agent/a-2", es::ExpectedVersion::Any(), {e}).status.ok());
  }
  auto listing = [&] {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(data)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  const auto files_before = listing();
  auto busy = Switchboard("backup --data " + data + " --to " + dir.Sub("c2"));
  INFO(busy.out);
  REQUIRE(busy.exit_code == 0);
  CHECK(Contains(busy.out, "last position " + std::to_string(owner->LastPosition())));
  CHECK(listing() == files_before);
  auto verify = Switchboard("verify --data " + dir.Sub("c2"));
  INFO(verify.out);
  CHECK(verify.exit_code == 0);
  CHECK(Contains(verify.out, "OK: 8 events, 3 streams, last position 8"));
  // The owner goes on appending; the copy opens as an owner of its own.
  es::EventData later;
  later.id = es::NewEventId();
  later.type = "AgentNoted";
  later.tenant = "acme";
  CHECK(owner->Append("acme/agent/a-2", es::ExpectedVersion::Any(), {later}).status.ok());
  auto reopened = es::EventStore::Open(dir.Sub("c2"));
  REQUIRE(reopened.ok());
  CHECK((*reopened)->LastPosition() == 8);
}

TEST_CASE("switchboard rebuild folds the models it names, or all of them", "[ops][rebuild]") {
  TempDir dir;
  const std::string data = dir.Sub("data");
  {
    auto store = std::move(es::EventStore::Open(data).value());
    domain::CallInitiated initiated;
    initiated.to_phone = "+14155550100";
    initiated.agent_id = "a-1";
    initiated.at = kT0;
    REQUIRE(
        store->Append(kCall, es::ExpectedVersion::Any(), {Recorded(initiated, kT0, "agent:a-1")})
            .status.ok());
    domain::CallRinging ringing{kT0 + domain::Seconds(5)};
    REQUIRE(
        store->Append(kCall, es::ExpectedVersion::Any(), {Recorded(ringing, ringing.at, "system")})
            .status.ok());
  }
  auto all = Switchboard("rebuild --all --data " + data);
  INFO(all.out);
  REQUIRE(all.exit_code == 0);
  for (const char* name : {"agents", "call_sessions", "customers"}) {
    CHECK(Contains(all.out, std::string("rebuilt ") + name + ": generation 2, position 2"));
  }
  auto two = Switchboard("rebuild call_sessions agents --data " + data);
  INFO(two.out);
  CHECK(two.exit_code == 0);
  CHECK(Contains(two.out, "rebuilt call_sessions: generation 3, position 2"));
  CHECK(Contains(two.out, "rebuilt agents: generation 3, position 2"));
  CHECK_FALSE(Contains(two.out, "rebuilt customers"));

  auto none = Switchboard("rebuild --data " + data);
  CHECK(none.exit_code == 2);
  CHECK(Contains(none.out, "name the read models to rebuild, or pass --all"));
  CHECK(Switchboard("rebuild agents --all --data " + data).exit_code == 2);
  auto unknown = Switchboard("rebuild agents nope --data " + data);
  CHECK(unknown.exit_code == 2);
  CHECK(Contains(unknown.out, "no projection named 'nope'"));
  auto twice = Switchboard("rebuild agents agents --data " + data);
  CHECK(twice.exit_code == 2);
  CHECK(Contains(twice.out, "named twice"));
  // None of the refused runs touched a model.
  auto again = Switchboard("rebuild customers --data " + data);
  CHECK(Contains(again.out, "rebuilt customers: generation 3, position 2"));
}

}  // namespace
}  // namespace sb::testing
