// The WAL's file systems (eventstore/wal_file_system.h): the owner writes over zeros laid
// ahead of it, and a follower tailing the owner still sees every event.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <catch2/catch.hpp>

#include "eventstore/wal_file_system.h"
#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;
using Clock = std::chrono::steady_clock;

// The size on disk of the newest WAL file.
uintmax_t NewestWalSize(const std::string& dir) {
  std::filesystem::path newest;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".log" && entry.path().filename() > newest.filename()) {
      newest = entry.path();
    }
  }
  std::error_code ec;
  return newest.empty() ? 0 : std::filesystem::file_size(newest, ec);
}

TEST_CASE("the owner's appends overwrite zeros laid ahead, so the WAL file does not grow",
          "[eventstore][wal]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  REQUIRE(store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  // The zeroer runs on its own thread: wait until the file has settled at its zeros' end.
  uintmax_t settled = 0;
  for (auto deadline = Clock::now() + std::chrono::seconds(20); Clock::now() < deadline;) {
    const uintmax_t before = NewestWalSize(dir.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    settled = NewestWalSize(dir.path());
    if (settled == before && settled > es::kWalZerosPastEnd / 2) break;
  }
  REQUIRE(settled > es::kWalZerosPastEnd / 2);

  // About 64 KB of records, each append synced: all of it lands on zeros already there.
  for (int i = 0; i < 100; ++i) {
    REQUIRE(store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(3)).status.ok());
  }
  CHECK(NewestWalSize(dir.path()) == settled);
  store.reset();

  // The zeros left in a file are read as padding: nothing more, nothing less.
  auto reopened = OpenStore(dir.path());
  CHECK(reopened->LastPosition() == 301);
  CHECK(ReadWholeLog(*reopened).size() == 301);
}

// Appends 3,000 events from a thread while a follower catches up every 5 ms: each time, the
// follower's log must be gap-free from 1 and never shorter than before.
void FollowWhileAppending(const es::StoreOptions& owner_options) {
  TempDir dir;
  auto owner = OpenStore(dir.path(), owner_options);
  REQUIRE(owner->Append("acme/x/0", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  es::StoreOptions follower_options;
  follower_options.follower = true;
  auto follower = OpenStore(dir.path(), follower_options);

  constexpr uint64_t kEvents = 3001;
  std::atomic<bool> failed{false}, stop{false};
  std::thread writer([&] {
    const std::string payload = R"({"pad":")" + std::string(800, 'p') + R"("})";
    for (uint64_t written = 1; written < kEvents && !stop; written += 3) {
      std::vector<es::EventData> events;
      for (int i = 0; i < 3; ++i) events.push_back(MakeEvent("Padded", payload));
      const auto stream = "acme/x/" + std::to_string(written % 7);
      if (!owner->Append(stream, ExpectedVersion::Any(), events).status.ok()) failed = true;
    }
  });
  struct Join {  // also when a REQUIRE below throws
    std::thread& thread;
    std::atomic<bool>& stop;
    ~Join() {
      stop = true;
      if (thread.joinable()) thread.join();
    }
  } join{writer, stop};
  uint64_t seen = 0;
  for (auto deadline = Clock::now() + std::chrono::seconds(60);
       seen < kEvents && Clock::now() < deadline;) {
    auto caught = follower->CatchUp();
    INFO(caught.status().ToString());
    REQUIRE(caught.ok());
    auto slice = follower->ReadAll(1, SIZE_MAX);
    INFO(slice.status().ToString());
    REQUIRE(slice.ok());
    const auto& events = slice->events;
    REQUIRE(events.size() == *caught);
    REQUIRE(events.size() >= seen);
    for (size_t i = 0; i < events.size(); ++i) REQUIRE(events[i].position == i + 1);
    seen = events.size();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  writer.join();
  CHECK_FALSE(failed);
  CHECK(seen == kEvents);
  CHECK(owner->LastPosition() == kEvents);
}

TEST_CASE("a follower catching up while the owner appends sees every event, in order",
          "[eventstore][wal]") {
  FollowWhileAppending({});
}

TEST_CASE("a follower catching up while the owner flushes its memtables never sees a gap",
          "[eventstore][wal]") {
  es::StoreOptions small_wal;
  small_wal.max_wal_bytes = 1 << 20;  // the owner flushes and moves to new WAL files often
  FollowWhileAppending(small_wal);
}

}  // namespace
}  // namespace sb::testing
