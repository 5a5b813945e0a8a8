// The writer stages and writes the next batch while the disk syncs the last, and that batch's
// sync need not wait for the last one's answers. What is written but not yet synced is
// invisible to every reader and unanswered; a failed sync fails what it covered and everything
// written behind it.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include <rocksdb/env.h>
#include <catch2/catch.hpp>

#include "eventstore/subscription.h"
#include "eventstore/verify.h"
#include "tests/eventstore/store_test_util.h"
#include "tests/support/failing_wal_fs.h"

namespace sb::testing {
namespace {

using es::AppendResult;
using es::ExpectedVersion;
using namespace std::chrono_literals;

// An append whose answer is collected for later checks.
struct Pending {
  std::promise<AppendResult> promise;
  std::future<AppendResult> future = promise.get_future();
  bool answered() { return future.wait_for(0s) == std::future_status::ready; }
};

void AppendTo(es::EventStore& store, const std::string& stream, ExpectedVersion expected,
              std::vector<es::EventData> events, Pending* pending) {
  store.AppendAsync(stream, expected, std::move(events),
                    [pending](const AppendResult& r) { pending->promise.set_value(r); });
}

void WaitUntil(const std::function<bool()>& condition) {
  for (int i = 0; i < 5000 && !condition(); ++i) std::this_thread::sleep_for(1ms);
  REQUIRE(condition());
}

struct HeldStore {
  TempDir dir;
  std::atomic<bool> fail{false};
  SyncGate gate;
  std::unique_ptr<rocksdb::Env> env =
      rocksdb::NewCompositeEnv(std::make_shared<FailingWalFs>(&fail, &gate));
  std::unique_ptr<es::EventStore> store;

  explicit HeldStore(size_t max_batch_events = es::StoreOptions().max_batch_events) {
    es::StoreOptions options;
    options.env = env.get();
    options.max_batch_events = max_batch_events;
    store = OpenStore(dir.path(), options);
  }
};

TEST_CASE("an append being synced is invisible and unanswered; later ones are written meanwhile",
          "[eventstore][sync]") {
  HeldStore held;
  es::EventStore& store = *held.store;
  REQUIRE(store.Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(2)).status.ok());
  auto sub = store.Subscribe(1);
  REQUIRE(sub->WaitNext(10, 1s)->size() == 2);

  held.gate.closed = true;
  auto held_events = MakeEvents(1);
  Pending first, behind, other_stream, retry;
  AppendTo(store, "acme/x/1", ExpectedVersion::Exact(2), held_events, &first);
  WaitUntil([&] { return held.gate.waiting == 1; });
  // Decided while the first is only written: its version and id are already taken into account.
  AppendTo(store, "acme/x/1", ExpectedVersion::Exact(3), MakeEvents(1), &behind);
  AppendTo(store, "acme/x/2", ExpectedVersion::NoStream(), MakeEvents(1), &other_stream);
  AppendTo(store, "acme/x/1", ExpectedVersion::Exact(2), held_events, &retry);
  std::this_thread::sleep_for(50ms);

  CHECK_FALSE(first.answered());
  CHECK_FALSE(behind.answered());
  CHECK_FALSE(retry.answered());
  CHECK(store.LastPosition() == 2);
  CHECK(ReadWholeLog(store).size() == 2);
  CHECK(store.ReadStream("acme/x/1", 1, es::Direction::kForward, 10)->size() == 2);
  CHECK(store.ReadStream("acme/x/1", es::kStreamEnd, es::Direction::kBackward, 10)->size() == 2);
  CHECK(store.StreamVersion("acme/x/1").value() == 2);
  CHECK(store.StreamVersion("acme/x/2").value() == 0);
  CHECK(store.ReadAt(3).status().IsNotFound());
  CHECK(sub->Next(10)->empty());

  held.gate.closed = false;
  const AppendResult a = first.future.get();
  const AppendResult b = behind.future.get();
  const AppendResult c = other_stream.future.get();
  const AppendResult d = retry.future.get();
  REQUIRE(a.status.ok());
  REQUIRE(b.status.ok());
  REQUIRE(c.status.ok());
  REQUIRE(d.status.ok());
  CHECK(a.first_position == 3);
  CHECK(b.first_position == 4);
  CHECK(b.stream_version == 4);
  CHECK(c.first_position == 5);
  CHECK(d.duplicate);
  CHECK(d.first_position == 3);

  CHECK(store.LastPosition() == 5);
  CHECK(ReadWholeLog(store).size() == 5);
  CHECK(store.StreamVersion("acme/x/1").value() == 4);
  auto live = sub->WaitNext(10, 1s);
  REQUIRE(live.ok());
  REQUIRE(live->size() == 3);
  CHECK(live->front().position == 3);
  CHECK(live->back().position == 5);
}

TEST_CASE("when the next batch is already written, it is synced while the last is answered",
          "[eventstore][sync]") {
  // One append per batch. The writer syncs a lone batch itself, so the first append is held
  // there while the next two queue behind it; the writer then hands them to the sync thread.
  HeldStore held(/*max_batch_events=*/1);
  es::EventStore& store = *held.store;
  held.gate.closed = true;
  Pending lone;
  AppendTo(store, "acme/x/0", ExpectedVersion::Any(), MakeEvents(1), &lone);
  WaitUntil([&] { return held.gate.waiting == 1; });

  std::mutex order_mu;
  std::vector<uint64_t> answered;  // first positions, in the order the answers came
  auto record = [&](const AppendResult& r) {
    std::lock_guard lock(order_mu);
    answered.push_back(r.first_position);
  };
  std::atomic<bool> next_synced_meanwhile{false};
  std::promise<void> first_answered;
  store.AppendAsync("acme/x/1", ExpectedVersion::Any(), MakeEvents(1), [&](const AppendResult& r) {
    record(r);
    // While this append is answered, does the next batch's sync start?
    for (int i = 0; i < 2000 && held.gate.waiting.load() == 0; ++i) {
      std::this_thread::sleep_for(1ms);
    }
    next_synced_meanwhile = held.gate.waiting.load() == 1;
    first_answered.set_value();
  });
  Pending filler;
  AppendTo(store, "acme/x/3", ExpectedVersion::Any(), MakeEvents(1), &filler);
  held.gate.let_through = 1;  // the lone batch
  REQUIRE(lone.future.get().status.ok());
  WaitUntil([&] { return held.gate.waiting == 1; });  // the sync thread holds the first

  Pending second;
  store.AppendAsync("acme/x/2", ExpectedVersion::Any(), MakeEvents(1), [&](const AppendResult& r) {
    record(r);
    second.promise.set_value(r);
  });
  std::this_thread::sleep_for(50ms);  // written behind the held sync

  held.gate.let_through = 1;  // that sync only
  first_answered.get_future().get();
  CHECK(next_synced_meanwhile);
  CHECK_FALSE(second.answered());
  held.gate.closed = false;
  REQUIRE(second.future.get().status.ok());
  REQUIRE(filler.future.get().status.ok());
  std::lock_guard lock(order_mu);
  CHECK(answered == std::vector<uint64_t>{2, 4});
}

TEST_CASE("a failed sync fails the appends it covered and every one written behind them",
          "[eventstore][sync][failure]") {
  HeldStore held;
  REQUIRE(held.store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(2)).status.ok());

  held.gate.closed = true;
  auto retried = MakeEvents(1);
  Pending covered, behind, duplicate;
  AppendTo(*held.store, "acme/x/1", ExpectedVersion::Any(), retried, &covered);
  WaitUntil([&] { return held.gate.waiting == 1; });
  AppendTo(*held.store, "acme/x/2", ExpectedVersion::Any(), MakeEvents(1), &behind);
  AppendTo(*held.store, "acme/x/1", ExpectedVersion::Any(), retried, &duplicate);
  std::this_thread::sleep_for(50ms);
  held.fail = true;
  held.gate.closed = false;

  // A duplicate of an event the failed sync covered must not claim it is stored.
  CHECK(covered.future.get().status.IsFailed());
  CHECK(behind.future.get().status.IsFailed());
  CHECK(duplicate.future.get().status.IsFailed());
  CHECK(held.store->health().IsFailed());
  CHECK(held.store->LastPosition() == 2);
  CHECK(ReadWholeLog(*held.store).size() == 2);

  held.store.reset();
  held.fail = false;
  auto reopened = OpenStore(held.dir.path());
  CHECK(es::Verify(*reopened)->ok());
  CHECK(ReadWholeLog(*reopened).size() >= 2);
}

}  // namespace
}  // namespace sb::testing
