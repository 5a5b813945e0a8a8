// SharedScan on a real log: each consumer gets exactly the events its filter and start
// position ask for, in order and in chunks whose next_position is a valid checkpoint; a
// consumer that stops reading holds up nobody; a log shorter than promised just ends.
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "projections/shared_scan.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

using projections::EventSource;
using projections::SharedScan;

struct Read {
  std::vector<uint64_t> positions;
  // After each non-empty read: its first and last positions, and next_position() - 1.
  struct Piece {
    uint64_t first, last, checkpoint;
  };
  std::vector<Piece> pieces;
  bool over_max = false;  // a read returned more than it was asked for
  Status status;
};

// Reads `source` to its end, `max` events at a time. Runs on a thread of its own, so it records
// what it saw and leaves the assertions to the test's thread (Catch2's are not thread-safe).
Read ReadAll(EventSource& source, size_t max) {
  Read read;
  for (;;) {
    auto events = source.Next(max);
    if (!events.ok()) {
      read.status = events.status();
      return read;
    }
    if (events->empty()) return read;
    read.over_max = read.over_max || events->size() > max;
    for (const auto& e : *events) read.positions.push_back(e.position);
    read.pieces.push_back(
        {events->front().position, events->back().position, source.next_position() - 1});
  }
}

constexpr int kPerAppend = 50;

// A call stream or an agent stream, taking turns every kPerAppend positions.
bool IsCallPosition(uint64_t position) { return ((position - 1) / kPerAppend) % 2 == 0; }

// Appends `n` events (a multiple of kPerAppend) in appends of kPerAppend to one stream each,
// the streams taking turns as IsCallPosition says.
std::unique_ptr<es::EventStore> FilledStore(const std::string& dir, int n) {
  auto store = es::EventStore::Open(dir);
  REQUIRE(store.ok());
  for (int first = 0; first < n; first += kPerAppend) {
    std::vector<es::EventData> events(kPerAppend);
    for (auto& e : events) {
      e.id = es::NewEventId();
      e.type = "Something";
      e.payload = "{}";
    }
    const int append = first / kPerAppend;
    const std::string stream = IsCallPosition(first + 1)
                                   ? "acme/call/c-" + std::to_string(append % 5)
                                   : "acme/agent/a-" + std::to_string(append % 7);
    REQUIRE((*store)->Append(stream, es::ExpectedVersion::Any(), events).status.ok());
  }
  return std::move(store).value();
}

TEST_CASE("a shared scan hands each consumer its own events once, in order", "[projections]") {
  TempDir dir;
  const int n = 40000;  // more than one pass of the scan
  auto store = FilledStore(dir.path(), n);
  SharedScan scan(store.get(), store->LastPosition());
  EventSource* calls = scan.AddConsumer(es::StreamFilter::Glob("*/call/*"), 0);
  EventSource* agents_late = scan.AddConsumer(es::StreamFilter::Glob("*/agent/*"), 25000);
  EventSource* everything = scan.AddConsumer({}, 0);
  scan.Start();

  // Each consumer on a thread of its own, as the engine runs them; one reads in small pieces.
  Read got[3];
  std::thread t0([&] { got[0] = ReadAll(*calls, 16384); });
  std::thread t1([&] { got[1] = ReadAll(*agents_late, 1000); });
  std::thread t2([&] { got[2] = ReadAll(*everything, 16384); });
  t0.join();
  t1.join();
  t2.join();

  std::vector<uint64_t> want[3];
  for (uint64_t p = 1; p <= static_cast<uint64_t>(n); ++p) {
    const bool is_call = IsCallPosition(p);
    if (is_call) want[0].push_back(p);
    if (!is_call && p > 25000) want[1].push_back(p);
    want[2].push_back(p);
  }
  for (int i = 0; i < 3; ++i) {
    INFO("consumer " << i);
    REQUIRE(got[i].status.ok());
    CHECK_FALSE(got[i].over_max);
    CHECK(got[i].positions == want[i]);
    // A checkpoint covers what was handed out and never passes an event still to come.
    const auto& pieces = got[i].pieces;
    for (size_t k = 0; k < pieces.size(); ++k) {
      CHECK(pieces[k].checkpoint >= pieces[k].last);
      if (k + 1 < pieces.size()) CHECK(pieces[k].checkpoint < pieces[k + 1].first);
    }
  }
  CHECK(calls->next_position() == static_cast<uint64_t>(n) + 1);
  CHECK(agents_late->next_position() == static_cast<uint64_t>(n) + 1);
  CHECK(everything->next_position() == static_cast<uint64_t>(n) + 1);
}

TEST_CASE("a consumer released early does not hold up the others", "[projections]") {
  TempDir dir;
  const int n = 100000;  // far more than the scan queues for a consumer
  auto store = FilledStore(dir.path(), n);
  SharedScan scan(store.get(), store->LastPosition());
  EventSource* quitter = scan.AddConsumer({}, 0);
  EventSource* reader = scan.AddConsumer({}, 0);
  scan.Start();
  REQUIRE(quitter->Next(10).ok());
  scan.Release(quitter);
  Read read = ReadAll(*reader, 16384);
  REQUIRE(read.status.ok());
  CHECK(read.positions.size() == static_cast<size_t>(n));
}

TEST_CASE("a shared scan promised more than the log holds ends where the log does",
          "[projections]") {
  TempDir dir;
  auto store = FilledStore(dir.path(), 100);
  SharedScan scan(store.get(), 500);  // more than the log holds
  EventSource* all = scan.AddConsumer({}, 0);
  scan.Start();
  Read read = ReadAll(*all, 16384);
  REQUIRE(read.status.ok());
  CHECK(read.positions.size() == 100);
  CHECK(all->next_position() == 101);
}

// Every field, so that an event decoded into a recycled one cannot keep a field of the last.
bool SameEvent(const es::RecordedEvent& a, const es::RecordedEvent& b) {
  return a.id == b.id && a.type == b.type && a.payload == b.payload && a.tenant == b.tenant &&
         a.actor == b.actor && a.correlation_id == b.correlation_id &&
         a.causation_id == b.causation_id && a.timestamp_us == b.timestamp_us &&
         a.stream == b.stream && a.version == b.version && a.position == b.position;
}

TEST_CASE("a consumer that hands its chunks back gets the same events", "[projections]") {
  TempDir dir;
  auto opened = es::EventStore::Open(dir.path());
  REQUIRE(opened.ok());
  auto store = std::move(opened).value();
  const int n = 40000;  // several passes, so that recycled chunks are decoded into again
  for (int i = 0; i < n; i += 100) {
    std::vector<es::EventData> events(100);
    for (int k = 0; k < 100; ++k) {
      // Fields of every length, some empty, so that a stale longer value would show.
      const int p = i + k;
      auto& e = events[k];
      e.id = es::NewEventId();
      e.type = p % 3 ? "Short" : "AMuchLongerEventTypeName";
      e.payload = "{\"n\":" + std::to_string(p) + std::string(p % 50, ' ') + "}";
      e.actor = p % 2 ? "" : "agent:" + std::to_string(p);
      e.correlation_id = p % 5 ? "" : "flow-" + std::to_string(p);
      e.causation_id = p % 7 ? "cause" : "";
      e.timestamp_us = p % 4 ? 1'000'000 + p : 0;
    }
    const std::string stream = (i / 100) % 2 ? "acme/call/c-" + std::to_string(i % 900)
                                             : "beta/agent/a-" + std::to_string(i % 700);
    REQUIRE(store->Append(stream, es::ExpectedVersion::Any(), events).status.ok());
  }
  auto expected = store->ReadAll(1, n);
  REQUIRE(expected.ok());

  SharedScan scan(store.get(), store->LastPosition());
  EventSource* everything = scan.AddConsumer({}, 0);
  EventSource* calls = scan.AddConsumer(es::StreamFilter::Glob("*/call/*"), 0);  // copies
  scan.Start();
  auto read_recycling = [](EventSource* source, std::vector<es::RecordedEvent>* out) {
    for (;;) {
      auto events = source->Next(16384);
      if (!events.ok() || events->empty()) return;
      out->insert(out->end(), events->begin(), events->end());
      source->Recycle(std::move(events).value());
    }
  };
  std::vector<es::RecordedEvent> got_all, got_calls;
  std::thread t([&] { read_recycling(calls, &got_calls); });
  read_recycling(everything, &got_all);
  t.join();

  REQUIRE(got_all.size() == expected->events.size());
  size_t next_call = 0;
  for (size_t i = 0; i < got_all.size(); ++i) {
    INFO("position " << i + 1);
    REQUIRE(SameEvent(got_all[i], expected->events[i]));
    if (expected->events[i].stream.find("/call/") == std::string::npos) continue;
    REQUIRE(next_call < got_calls.size());
    REQUIRE(SameEvent(got_calls[next_call++], expected->events[i]));
  }
  CHECK(next_call == got_calls.size());
}

}  // namespace
}  // namespace sb::testing
