// Subscriptions: catch-up then live, with no gap and no duplicate at the switch-over, even
// while appends race with it and when the subscriber is too slow for its buffer.
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;
using namespace std::chrono_literals;

// Reads from `sub` until it has seen `last`, returning every position received.
std::vector<uint64_t> Drain(es::Subscription& sub, uint64_t last, size_t page = 64) {
  std::vector<uint64_t> seen;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while ((seen.empty() || seen.back() < last) && std::chrono::steady_clock::now() < deadline) {
    auto events = sub.WaitNext(page, 100ms);
    REQUIRE(events.ok());
    for (const auto& e : *events) seen.push_back(e.position);
  }
  return seen;
}

void Append(es::EventStore& store, int threads, int per_thread, const std::string& prefix) {
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        SB_THREAD_CHECK(
            store.Append(prefix + std::to_string(t), ExpectedVersion::Any(), MakeEvents(1 + i % 2))
                .status.ok());
      }
    });
  }
  for (auto& t : ts) t.join();
}

std::vector<uint64_t> Range(uint64_t from, uint64_t to) {
  std::vector<uint64_t> v;
  for (uint64_t p = from; p <= to; ++p) v.push_back(p);
  return v;
}

TEST_CASE("a subscription catches up from disk, then follows live appends",
          "[eventstore][subscription][concurrency]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  Append(*store, 1, 50, "acme/call/");
  std::atomic<int> notified{0};
  auto sub = store->Subscribe(1, {}, [&] { ++notified; });
  auto first = Drain(*sub, store->LastPosition());
  CHECK(first == Range(1, store->LastPosition()));
  Append(*store, 1, 10, "acme/call/");
  auto more = Drain(*sub, store->LastPosition());
  CHECK(more == Range(first.back() + 1, store->LastPosition()));
  CHECK(notified > 0);
}

TEST_CASE("switch-over under concurrent appends has no gap and no duplicate",
          "[eventstore][subscription][concurrency]") {
  const size_t buffer = GENERATE(size_t{8}, size_t{100000});  // overflowing and roomy
  TempDir dir;
  es::StoreOptions options;
  options.subscription_buffer = buffer;
  auto store = OpenStore(dir.path(), options);
  Append(*store, 2, 100, "acme/pre/");  // something to catch up on

  // Subscribers start at different points while 4 writers keep appending.
  std::thread writers([&] { Append(*store, 4, 150, "acme/live/"); });
  auto early = store->Subscribe(1);
  const uint64_t middle_from = store->LastPosition() / 2 + 1;
  auto middle = store->Subscribe(middle_from);
  std::vector<uint64_t> early_seen;
  // A slow reader while the writers run: small pages, so a small live buffer overflows.
  for (int i = 0; i < 5; ++i) {
    auto events = early->Next(7);
    SB_THREAD_CHECK(events.ok());  // the writers are still asserting on their threads
    if (!events.ok()) break;
    for (const auto& e : *events) early_seen.push_back(e.position);
    std::this_thread::sleep_for(5ms);
  }
  writers.join();
  const uint64_t last = store->LastPosition();
  CHECK(last == 200 * 3 / 2 + 600 * 3 / 2);  // 1 or 2 events per append, alternating

  auto rest = Drain(*early, last, 7);
  early_seen.insert(early_seen.end(), rest.begin(), rest.end());
  CHECK(early_seen == Range(1, last));
  CHECK(Drain(*middle, last) == Range(middle_from, last));
  if (buffer == 8) CHECK(early->overflows() > 0);
}

TEST_CASE("a filtered subscription sees only its streams, in order",
          "[eventstore][subscription][concurrency]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  auto sub = store->Subscribe(1, es::StreamFilter::Glob("*/call/*"));
  std::thread writers([&] {
    std::vector<std::thread> ts;
    ts.emplace_back([&] { Append(*store, 2, 50, "acme/call/"); });
    ts.emplace_back([&] { Append(*store, 2, 50, "acme/agent/"); });
    for (auto& t : ts) t.join();
  });
  writers.join();
  auto expected_events = store->ReadAll(1, SIZE_MAX, es::StreamFilter::Glob("*/call/*"));
  REQUIRE(expected_events.ok());
  std::vector<uint64_t> expected;
  for (const auto& e : expected_events->events) expected.push_back(e.position);
  auto seen = Drain(*sub, expected.back());
  CHECK(seen == expected);
  // And it does not stop early at the filter: later matching events still arrive.
  REQUIRE(store->Append("acme/call/z", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  auto later = Drain(*sub, store->LastPosition());
  CHECK(later == std::vector<uint64_t>{store->LastPosition()});
}

TEST_CASE("a subscription outliving its store answers Unavailable",
          "[eventstore][subscription][concurrency]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  REQUIRE(store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  auto sub = store->Subscribe(1);
  store.reset();
  auto r = sub->Next(10);
  CHECK(r.status().code() == Status::Code::kUnavailable);
}

}  // namespace
}  // namespace sb::testing
