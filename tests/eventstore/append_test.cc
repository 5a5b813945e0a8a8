// Appends: the expected-version matrix, idempotent re-appends, validation, stored fields.
#include <atomic>
#include <future>
#include <memory>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;

struct VersionCase {
  const char* name;
  uint64_t existing;  // events already in the stream
  ExpectedVersion expected;
  bool accepted;
};

TEST_CASE("expected version matrix", "[eventstore][append]") {
  const VersionCase cases[] = {
      {"any on a new stream", 0, ExpectedVersion::Any(), true},
      {"no-stream on a new stream", 0, ExpectedVersion::NoStream(), true},
      {"exact 1 on a new stream", 0, ExpectedVersion::Exact(1), false},
      {"any on an existing stream", 2, ExpectedVersion::Any(), true},
      {"no-stream on an existing stream", 2, ExpectedVersion::NoStream(), false},
      {"exact current on an existing stream", 2, ExpectedVersion::Exact(2), true},
      {"exact behind on an existing stream", 2, ExpectedVersion::Exact(1), false},
      {"exact ahead on an existing stream", 2, ExpectedVersion::Exact(3), false},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      TempDir dir;
      auto store = OpenStore(dir.path());
      if (c.existing > 0) {
        REQUIRE(store->Append("acme/call/1", ExpectedVersion::Any(), MakeEvents(c.existing))
                    .status.ok());
      }
      // Another stream's events must not count towards this one's version.
      REQUIRE(store->Append("acme/call/2", ExpectedVersion::Any(), MakeEvents(3)).status.ok());
      const uint64_t before = store->LastPosition();

      auto r = store->Append("acme/call/1", c.expected, MakeEvents(2));
      if (c.accepted) {
        INFO(r.status.ToString());
        REQUIRE(r.status.ok());
        CHECK(r.first_position == before + 1);
        CHECK(r.last_position == before + 2);
        CHECK(r.stream_version == c.existing + 2);
        CHECK_FALSE(r.duplicate);
        CHECK(store->LastPosition() == before + 2);
      } else {
        CHECK(r.status.IsConflict());
        CHECK(r.stream_version == c.existing);  // says which version is current
        CHECK(r.status.message().find("version " + std::to_string(c.existing)) !=
              std::string::npos);
        CHECK(store->LastPosition() == before);  // nothing appended
        CHECK(*store->StreamVersion("acme/call/1") == c.existing);
      }
    }
  }
}

TEST_CASE("a conflict in a group-committed batch appends nothing of that request",
          "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<es::AppendResult> results(3);
  std::atomic<int> done{0};
  // Two NoStream appends to one stream race; exactly one wins, whichever batch they land in.
  for (int i = 0; i < 3; ++i) {
    store->AppendAsync(i < 2 ? "acme/agent/7" : "acme/agent/8", ExpectedVersion::NoStream(),
                       MakeEvents(2), [&, i](const es::AppendResult& r) {
                         results[i] = r;
                         ++done;
                       });
  }
  while (done < 3) std::this_thread::yield();
  CHECK(results[0].status.ok() != results[1].status.ok());
  CHECK(results[2].status.ok());
  CHECK(*store->StreamVersion("acme/agent/7") == 2);
  CHECK(store->LastPosition() == 4);
  CHECK(ReadWholeLog(*store).size() == 4);
}

// Callers rely on it to order writes without waiting for durability (an inbound call before
// its task in the queue).
TEST_CASE("appends are positioned in the order they are called", "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  constexpr int kAppends = 400;
  std::vector<uint64_t> first(kAppends);
  std::atomic<int> done{0};
  for (int i = 0; i < kAppends; ++i) {
    if (i == kAppends / 2) {
      while (done == 0) std::this_thread::yield();  // so they span more than one batch
    }
    store->AppendAsync("acme/call/" + std::to_string(i % 7), ExpectedVersion::Any(),
                       MakeEvents(1 + i % 3), [&, i](const es::AppendResult& r) {
                         first[i] = r.status.ok() ? r.first_position : 0;
                         ++done;
                       });
  }
  while (done < kAppends) std::this_thread::yield();
  CHECK(store->stats().batches > 1);
  CHECK(first[0] == 1);
  for (int i = 1; i < kAppends; ++i) {
    INFO(i);
    CHECK(first[i] == first[i - 1] + 1 + (i - 1) % 3);
  }
}

// The case a chain exists for: an entity pipelines two appends on a stale view of its stream,
// and another writer's events happen to bring the stream to the version the second expects.
TEST_CASE("once an append of a chain is refused, the chain's later appends are too",
          "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  REQUIRE(store->Append("acme/queue/q", ExpectedVersion::Any(), MakeEvents(2)).status.ok());
  REQUIRE(store->Append("acme/queue/q", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  // The entity believes the stream is at 2 and pipelines 2 -> 3 and 3 -> 4.
  auto chain = std::make_shared<es::AppendChain>();
  std::vector<es::AppendResult> results(2);
  std::atomic<int> done{0};
  for (int i = 0; i < 2; ++i) {
    store->AppendAsync(
        "acme/queue/q", ExpectedVersion::Exact(2 + i), MakeEvents(1),
        [&, i](const es::AppendResult& r) {
          results[i] = r;
          ++done;
        },
        chain);
  }
  while (done < 2) std::this_thread::yield();
  CHECK(results[0].status.IsConflict());
  INFO(results[1].status.ToString());
  CHECK(results[1].status.IsConflict());  // version 3 matched, but it was decided on a lost one
  CHECK(chain->broken());
  CHECK(*store->StreamVersion("acme/queue/q") == 3);

  // A later append of the broken chain is refused, even when nothing is in flight; a new chain
  // (the entity after reading the log again) and an unchained append are not.
  CHECK(store->Append("acme/queue/q", ExpectedVersion::Exact(3), MakeEvents(1)).status.ok());
  std::promise<es::AppendResult> late_promise;
  store->AppendAsync(
      "acme/queue/q", ExpectedVersion::Exact(4), MakeEvents(1),
      [&](const es::AppendResult& r) { late_promise.set_value(r); }, chain);
  CHECK(late_promise.get_future().get().status.IsConflict());
  auto fresh = std::make_shared<es::AppendChain>();
  std::promise<es::AppendResult> fresh_promise;
  store->AppendAsync(
      "acme/queue/q", ExpectedVersion::Exact(4), MakeEvents(1),
      [&](const es::AppendResult& r) { fresh_promise.set_value(r); }, fresh);
  CHECK(fresh_promise.get_future().get().status.ok());
  CHECK(*store->StreamVersion("acme/queue/q") == 5);
}

TEST_CASE("an append refused before it reaches the writer breaks its chain too",
          "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  auto chain = std::make_shared<es::AppendChain>();
  std::promise<es::AppendResult> invalid;
  store->AppendAsync(
      "acme/queue/q", ExpectedVersion::NoStream(), {MakeEvent("T", "{not json")},
      [&](const es::AppendResult& r) { invalid.set_value(r); }, chain);
  CHECK(invalid.get_future().get().status.IsInvalidArgument());
  CHECK(chain->broken());
  std::promise<es::AppendResult> next;
  store->AppendAsync(
      "acme/queue/q", ExpectedVersion::NoStream(), MakeEvents(1),
      [&](const es::AppendResult& r) { next.set_value(r); }, chain);
  CHECK(next.get_future().get().status.IsConflict());
  CHECK(store->LastPosition() == 0);
}

TEST_CASE("re-appending stored event ids is idempotent", "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  REQUIRE(store->Append("acme/call/0", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  auto events = MakeEvents(3);
  auto first = store->Append("acme/call/1", ExpectedVersion::NoStream(), events);
  REQUIRE(first.status.ok());
  REQUIRE(store->Append("acme/call/1", ExpectedVersion::Any(), MakeEvents(1)).status.ok());

  SECTION("the same append again returns the original positions and writes nothing") {
    // Even with an expected version that would now conflict: a retry is not a new decision.
    auto again = store->Append("acme/call/1", ExpectedVersion::NoStream(), events);
    INFO(again.status.ToString());
    REQUIRE(again.status.ok());
    CHECK(again.duplicate);
    CHECK(again.first_position == first.first_position);
    CHECK(again.last_position == first.last_position);
    CHECK(again.stream_version == 3);
    CHECK(store->LastPosition() == 5);
    CHECK(*store->StreamVersion("acme/call/1") == 4);
  }
  SECTION("survives a reopen") {
    store.reset();
    store = OpenStore(dir.path());
    auto again = store->Append("acme/call/1", ExpectedVersion::Any(), events);
    REQUIRE(again.status.ok());
    CHECK(again.duplicate);
    CHECK(again.first_position == 2);
    CHECK(store->LastPosition() == 5);
  }
  SECTION("a stored id inside a different append is a conflict") {
    auto mixed = MakeEvents(2);
    mixed[1].id = events[0].id;
    auto r = store->Append("acme/call/1", ExpectedVersion::Any(), mixed);
    CHECK(r.status.IsConflict());
    CHECK(store->LastPosition() == 5);
  }
  SECTION("the same ids to another stream are a conflict") {
    auto r = store->Append("acme/call/9", ExpectedVersion::Any(), events);
    CHECK(r.status.IsConflict());
    CHECK(*store->StreamVersion("acme/call/9") == 0);
  }
  SECTION("the same ids twice in one batch are written once") {
    std::atomic<int> done{0};
    auto fresh = MakeEvents(2);
    std::vector<es::AppendResult> results(2);
    for (int i = 0; i < 2; ++i) {
      store->AppendAsync("acme/call/2", ExpectedVersion::Any(), fresh,
                         [&, i](const es::AppendResult& r) {
                           results[i] = r;
                           ++done;
                         });
    }
    while (done < 2) std::this_thread::yield();
    REQUIRE(results[0].status.ok());
    REQUIRE(results[1].status.ok());
    CHECK(results[0].first_position == results[1].first_position);
    CHECK(results[0].duplicate != results[1].duplicate);
    CHECK(*store->StreamVersion("acme/call/2") == 2);
    CHECK(store->LastPosition() == 7);
  }
}

TEST_CASE("invalid appends are refused and change nothing", "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  REQUIRE(store->Append("acme/call/1", ExpectedVersion::Any(), MakeEvents(1)).status.ok());

  auto refused = [&](std::string stream, std::vector<es::EventData> events) {
    auto r = store->Append(std::move(stream), ExpectedVersion::Any(), std::move(events));
    INFO(r.status.ToString());
    CHECK(r.status.IsInvalidArgument());
    CHECK(store->LastPosition() == 1);
  };
  refused("", MakeEvents(1));
  refused("$all", MakeEvents(1));
  refused(std::string("acme/call/\0x", 12), MakeEvents(1));
  refused(std::string(600, 'a'), MakeEvents(1));
  refused("acme/call/1", {});
  refused("acme/call/1", {MakeEvent("")});
  refused("acme/call/1", {MakeEvent("T", "{not json")});
  refused("acme/call/1", {MakeEvent("T", "")});
  refused("acme/call/1", {MakeEvent("T", "{\"a\":\"" + std::string(2 << 20, 'x') + "\"}")});
  auto twice = MakeEvents(2);
  twice[1].id = twice[0].id;
  refused("acme/call/1", twice);
}

TEST_CASE("every field of an event is stored and read back", "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  es::EventData e = MakeEvent("CallInitiated", R"({"to":"+4930123456","n":[1,2,{"x":null}]})");
  e.tenant = "acme";
  e.actor = "agent:42";
  e.correlation_id = "corr-1";
  e.causation_id = "cmd-9";
  e.timestamp_us = 1763730000123456;
  es::EventData stamped = MakeEvent("Stamped");  // timestamp 0: the store stamps it
  const int64_t before = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  REQUIRE(store->Append("acme/call/c1", ExpectedVersion::NoStream(), {e, stamped}).status.ok());

  auto read = store->ReadStream("acme/call/c1", 1, es::Direction::kForward, 10);
  REQUIRE(read.ok());
  REQUIRE(read->size() == 2);
  const es::RecordedEvent& r = (*read)[0];
  CHECK(r.id == e.id);
  CHECK(r.type == "CallInitiated");
  CHECK(r.payload == e.payload);
  CHECK(r.tenant == "acme");
  CHECK(r.actor == "agent:42");
  CHECK(r.correlation_id == "corr-1");
  CHECK(r.causation_id == "cmd-9");
  CHECK(r.timestamp_us == 1763730000123456);
  CHECK(r.stream == "acme/call/c1");
  CHECK(r.version == 1);
  CHECK(r.position == 1);
  CHECK((*read)[1].timestamp_us >= before);
  CHECK((*read)[1].version == 2);
}

TEST_CASE("events without an id get a fresh one", "[eventstore][append]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  es::EventData e;
  e.type = "NoId";
  REQUIRE(store->Append("acme/x/1", ExpectedVersion::Any(), {e, e}).status.ok());
  auto log = ReadWholeLog(*store);
  REQUIRE(log.size() == 2);
  CHECK_FALSE(log[0].id.is_nil());
  CHECK(log[0].id != log[1].id);
}

}  // namespace
}  // namespace sb::testing
