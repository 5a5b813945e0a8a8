// The switchboard binary's log commands, run as a user would, beside an open store.

#include <string>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "eventstore/event_store.h"
#include "eventstore/keys.h"
#include "tests/eventstore/raw_db.h"
#include "tests/support/run_switchboard.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

void Fill(const std::string& dir) {
  auto store = std::move(es::EventStore::Open(dir).value());
  for (int i = 0; i < 6; ++i) {
    es::EventData e;
    e.type = i % 2 ? "CallRinging" : "AgentStatusChanged";
    e.payload = "{\"i\":" + std::to_string(i) + "}";
    e.tenant = "acme";
    REQUIRE(store->Append(i % 2 ? "acme/call/1" : "acme/agent/7", es::ExpectedVersion::Any(), {e})
                .status.ok());
  }
}

TEST_CASE("switchboard events prints the log as JSON lines", "[ops][cli]") {
  TempDir dir;
  Fill(dir.path());
  // A server holding the log must not stop an operator from reading it.
  auto owner = std::move(es::EventStore::Open(dir.path()).value());

  auto run = Switchboard("events --data " + dir.path() + " --stream 'acme/call/*' --from 3");
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  std::vector<boost::json::object> lines;
  size_t start = 0;
  for (size_t nl; (nl = run.out.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(boost::json::parse(run.out.substr(start, nl - start)).as_object());
  }
  REQUIRE(lines.size() == 2);  // positions 4 and 6: the call's events from position 3 on
  CHECK(lines[0].at("position").as_int64() == 4);
  CHECK(lines[0].at("stream").as_string() == "acme/call/1");
  CHECK(lines[0].at("version").as_int64() == 2);
  CHECK(lines[0].at("type").as_string() == "CallRinging");
  CHECK(lines[0].at("payload").as_object().at("i").as_int64() == 3);
  CHECK(lines[1].at("position").as_int64() == 6);
}

TEST_CASE("switchboard verify passes a whole log and names damage", "[ops][cli]") {
  TempDir dir;
  Fill(dir.path());
  auto ok = Switchboard("verify --data " + dir.path());
  INFO(ok.out);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("OK: 6 events, 2 streams, last position 6") != std::string::npos);

  {
    RawDb raw(dir.path());
    std::string record = raw.Get(es::kEventsCf, es::PositionKey(2));
    record[20] ^= 1;
    raw.Put(es::kEventsCf, es::PositionKey(2), record);
  }
  auto bad = Switchboard("verify --data " + dir.path());
  INFO(bad.out);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("FAULT: record CRC mismatch at position 2") != std::string::npos);
  CHECK(bad.out.find("FAILED") != std::string::npos);
}

TEST_CASE("switchboard refuses bad arguments and missing logs clearly", "[ops][cli]") {
  TempDir dir;
  auto unknown = Switchboard("frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.find("unknown command 'frobnicate'") != std::string::npos);
  auto bad_option = Switchboard("events --from notanumber");
  CHECK(bad_option.exit_code == 2);
  CHECK(bad_option.out.find("usage: switchboard events") != std::string::npos);
  auto help = Switchboard("verify --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--data") != std::string::npos);
  auto missing = Switchboard("verify --data " + dir.Sub("nothing"));
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("no event log in") != std::string::npos);
}

}  // namespace
}  // namespace sb::testing
