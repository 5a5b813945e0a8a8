// What survives a reopen: events, versions, positions, snapshots, checkpoints, idempotency keys.
#include <algorithm>
#include <filesystem>

#include <catch2/catch.hpp>

#include "eventstore/wal_file_system.h"
#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;

TEST_CASE("reopening keeps everything and continues the positions", "[eventstore][persist]") {
  TempDir dir;
  std::vector<es::RecordedEvent> before;
  {
    auto store = OpenStore(dir.path());
    for (int i = 0; i < 20; ++i) {
      auto stream = "acme/call/" + std::to_string(i % 4);
      REQUIRE(store->Append(stream, ExpectedVersion::Any(), MakeEvents(1 + i % 3)).status.ok());
    }
    before = ReadWholeLog(*store);
  }
  auto store = OpenStore(dir.path());
  CHECK(store->LastPosition() == before.size());
  auto after = ReadWholeLog(*store);
  REQUIRE(after.size() == before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    CHECK(after[i].id == before[i].id);
    CHECK(after[i].stream == before[i].stream);
    CHECK(after[i].version == before[i].version);
    CHECK(after[i].payload == before[i].payload);
    CHECK(after[i].timestamp_us == before[i].timestamp_us);
  }
  const uint64_t v = *store->StreamVersion("acme/call/1");
  auto r = store->Append("acme/call/1", ExpectedVersion::Exact(v), MakeEvents(1));
  REQUIRE(r.status.ok());
  CHECK(r.first_position == before.size() + 1);
  CHECK(r.stream_version == v + 1);
}

TEST_CASE("snapshots round trip and are only an optimisation", "[eventstore][persist]") {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    REQUIRE(store->Append("acme/agent/1", ExpectedVersion::Any(), MakeEvents(5)).status.ok());
    CHECK(store->LoadSnapshot("acme/agent/1").status().IsNotFound());
    REQUIRE(store->SaveSnapshot("acme/agent/1", {3, std::string("state\0bytes", 11)}).ok());
    REQUIRE(store->SaveSnapshot("acme/agent/1", {5, "newer"}).ok());
  }
  auto store = OpenStore(dir.path());
  auto snap = store->LoadSnapshot("acme/agent/1");
  REQUIRE(snap.ok());
  CHECK(snap->version == 5);
  CHECK(snap->state == "newer");
  REQUIRE(store->DeleteSnapshot("acme/agent/1").ok());
  CHECK(store->LoadSnapshot("acme/agent/1").status().IsNotFound());
  CHECK(store->ReadStream("acme/agent/1", 1, es::Direction::kForward, 10)->size() == 5);
}

TEST_CASE("checkpoints and idempotency keys persist", "[eventstore][persist]") {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    CHECK(*store->LoadCheckpoint("calls") == 0);
    REQUIRE(store->SaveCheckpoint("calls", 42).ok());
    CHECK(store->GetIdempotencyKey("req-1").status().IsNotFound());
    REQUIRE(store->PutIdempotencyKey("req-1", R"({"status":201})").ok());
  }
  auto store = OpenStore(dir.path());
  CHECK(*store->LoadCheckpoint("calls") == 42);
  CHECK(*store->LoadCheckpoint("agents") == 0);
  CHECK(*store->GetIdempotencyKey("req-1") == R"({"status":201})");
}

// Bytes in the directory's WAL files.
uint64_t WalBytes(const std::string& dir) {
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::error_code ec;
    if (entry.path().extension() == ".log") bytes += entry.file_size(ec);
  }
  return bytes;
}

TEST_CASE("the WAL kept stays bounded, and what it held survives a reopen",
          "[eventstore][persist]") {
  TempDir dir;
  es::StoreOptions options;
  options.max_wal_bytes = 1 << 20;
  const std::string payload = R"({"pad":")" + std::string(1000, 'x') + R"("})";
  constexpr int kAppends = 1600, kPerAppend = 10;  // about 16 MB of records
  uint64_t most = 0;
  {
    auto store = OpenStore(dir.path(), options);
    // Written once: without the bound, its family's memtable keeps every WAL since alive.
    REQUIRE(store->SaveSnapshot("acme/agent/1", {1, "kept"}).ok());
    for (int i = 0; i < kAppends; ++i) {
      std::vector<es::EventData> events;
      for (int j = 0; j < kPerAppend; ++j) events.push_back(MakeEvent("Padded", payload));
      REQUIRE(store->Append("acme/call/" + std::to_string(i % 40), ExpectedVersion::Any(), events)
                  .status.ok());
      if (i % 50 == 0) most = std::max(most, WalBytes(dir.path()));
    }
  }
  // The WAL file being written, and the one before it until RocksDB closes it, may each hold
  // zeros past their end (wal_file_system.h).
  CHECK(most < 6 * options.max_wal_bytes + 2 * es::kWalZerosPastEnd);
  auto store = OpenStore(dir.path(), options);
  CHECK(store->LastPosition() == kAppends * kPerAppend);
  CHECK(store->LoadSnapshot("acme/agent/1")->state == "kept");
  CHECK(ReadWholeLog(*store).size() == kAppends * kPerAppend);
}

}  // namespace
}  // namespace sb::testing
