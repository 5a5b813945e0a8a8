// Verify proves a healthy log whole and names each kind of damage.
#include <catch2/catch.hpp>

#include "eventstore/keys.h"
#include "eventstore/verify.h"
#include "tests/eventstore/raw_db.h"
#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;

bool Mentions(const es::VerifyReport& report, const std::string& text) {
  for (const auto& f : report.faults) {
    if (f.find(text) != std::string::npos) return true;
  }
  return false;
}

es::VerifyReport VerifyDir(const std::string& dir) {
  auto store = OpenStore(dir);
  auto report = es::Verify(*store);
  REQUIRE(report.ok());
  return *report;
}

TEST_CASE("verify", "[eventstore][verify]") {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    for (int i = 0; i < 10; ++i) {
      REQUIRE(
          store->Append("acme/call/" + std::to_string(i % 3), ExpectedVersion::Any(), MakeEvents(2))
              .status.ok());
    }
    REQUIRE(store->SaveSnapshot("acme/call/0", {4, "{}"}).ok());
  }

  SECTION("a healthy log passes") {
    auto report = VerifyDir(dir.path());
    CHECK(report.ok());
    CHECK(report.events == 20);
    CHECK(report.streams == 3);
    CHECK(report.last_position == 20);
    CHECK(report.snapshots == 1);
  }
  SECTION("a flipped byte in a record fails its CRC") {
    {
      RawDb raw(dir.path());
      std::string record = raw.Get(es::kEventsCf, es::PositionKey(7));
      record[record.size() / 2] ^= 0x40;
      raw.Put(es::kEventsCf, es::PositionKey(7), record);
    }
    auto report = VerifyDir(dir.path());
    CHECK_FALSE(report.ok());
    CHECK(Mentions(report, "CRC mismatch at position 7"));
  }
  SECTION("a missing record is a gap") {
    {
      RawDb raw(dir.path());
      raw.Delete(es::kEventsCf, es::PositionKey(5));
    }
    auto report = VerifyDir(dir.path());
    CHECK_FALSE(report.ok());
    CHECK(Mentions(report, "positions 5..5 are missing"));
  }
  SECTION("a missing stream index entry") {
    {
      RawDb raw(dir.path());
      raw.Delete(es::kStreamIndexCf, es::StreamIndexKey("acme/call/1", 3));
    }
    auto report = VerifyDir(dir.path());
    CHECK_FALSE(report.ok());
    CHECK(Mentions(report, "stream acme/call/1 jumps from version 2 to 4"));
    CHECK(Mentions(report, "no stream index entry for the record at position"));
  }
  SECTION("an index entry pointing at the wrong record") {
    {
      RawDb raw(dir.path());
      raw.Put(es::kStreamIndexCf, es::StreamIndexKey("acme/call/2", 1), es::PositionKey(1));
    }
    auto report = VerifyDir(dir.path());
    CHECK_FALSE(report.ok());
    CHECK(Mentions(report, "stream acme/call/2 version 1 points at acme/call/0 version 1"));
  }
  SECTION("a snapshot ahead of its stream") {
    {
      auto store = OpenStore(dir.path());
      REQUIRE(store->SaveSnapshot("acme/call/2", {99, "{}"}).ok());
    }
    auto report = VerifyDir(dir.path());
    CHECK(Mentions(report, "snapshot of acme/call/2 is at version 99"));
  }
}

}  // namespace
}  // namespace sb::testing
