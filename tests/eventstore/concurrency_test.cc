// Many threads appending at once: positions unique and gap-free, versions contiguous, every
// acknowledged event readable as written, and the writes really group-committed.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "eventstore/verify.h"
#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;

struct Ack {
  std::string stream;
  es::EventData event;
  uint64_t position;
  uint64_t version;
};

void CheckAcksAgainstLog(const es::EventStore& store, const std::vector<Ack>& acks) {
  auto log = ReadWholeLog(store);
  REQUIRE(log.size() == acks.size());
  for (size_t i = 0; i < log.size(); ++i) REQUIRE(log[i].position == i + 1);  // gap-free
  std::map<std::string, uint64_t> last_version;
  for (const auto& e : log) {
    REQUIRE(e.version == ++last_version[e.stream]);  // contiguous per stream, in log order
  }
  for (const auto& ack : acks) {
    const auto& e = log[ack.position - 1];
    REQUIRE(e.id == ack.event.id);
    REQUIRE(e.stream == ack.stream);
    REQUIRE(e.version == ack.version);
    REQUIRE(e.payload == ack.event.payload);
  }
  auto report = es::Verify(store);
  REQUIRE(report.ok());
  CHECK(report->ok());
}

void Hammer(bool same_stream) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  constexpr int kThreads = 16;
  constexpr int kPerThread = 150;
  std::mutex mu;
  std::vector<Ack> acks;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string stream =
            same_stream ? "acme/queue/main" : "acme/call/" + std::to_string(t * 1000 + i % 7);
        auto events = MakeEvents(1 + i % 3);
        auto r = store->Append(stream, ExpectedVersion::Any(), events);
        SB_THREAD_CHECK(r.status.ok());
        SB_THREAD_CHECK(r.last_position - r.first_position + 1 == events.size());
        std::lock_guard lock(mu);
        for (size_t k = 0; k < events.size(); ++k) {
          acks.push_back({stream, events[k], r.first_position + k,
                          r.stream_version - (events.size() - 1 - k)});
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CheckAcksAgainstLog(*store, acks);
  const auto stats = store->stats();
  CHECK(stats.requests == uint64_t{kThreads} * kPerThread);
  // With 16 appenders blocked on syncs, batches must have held more than one request.
  CHECK(stats.batches < stats.requests);
}

TEST_CASE("many threads appending to different streams", "[eventstore][concurrency]") {
  Hammer(false);
}

TEST_CASE("many threads appending to the same stream", "[eventstore][concurrency]") {
  Hammer(true);
}

TEST_CASE("optimistic concurrency: each version is won exactly once", "[eventstore][concurrency]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  constexpr int kThreads = 8;
  constexpr uint64_t kTarget = 60;
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        const uint64_t v = *store->StreamVersion("acme/customer/1");
        if (v >= kTarget) return;
        auto r = store->Append("acme/customer/1", ExpectedVersion::Exact(v), MakeEvents(1));
        if (r.status.ok()) {
          SB_THREAD_CHECK(r.stream_version == v + 1);
          ++wins;
        } else {
          SB_THREAD_CHECK(r.status.IsConflict());
          SB_THREAD_CHECK(r.stream_version > v);
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(wins == int(kTarget));
  CHECK(*store->StreamVersion("acme/customer/1") == kTarget);
  CHECK(store->LastPosition() == kTarget);
}

}  // namespace
}  // namespace sb::testing
