// Reads: one stream forwards and backwards, $all with limits and stream filters.
#include <catch2/catch.hpp>

#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::Direction;
using es::ExpectedVersion;

std::vector<uint64_t> Versions(const std::vector<es::RecordedEvent>& events) {
  std::vector<uint64_t> v;
  for (const auto& e : events) v.push_back(e.version);
  return v;
}

std::vector<uint64_t> Positions(const std::vector<es::RecordedEvent>& events) {
  std::vector<uint64_t> v;
  for (const auto& e : events) v.push_back(e.position);
  return v;
}

// Interleaves three streams: positions 1..9 are a1, c1, a2, c2, ... (stream per position).
std::unique_ptr<es::EventStore> Interleaved(const TempDir& dir) {
  auto store = OpenStore(dir.path());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(store->Append("acme/agent/a", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
    REQUIRE(store->Append("acme/call/c", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
    REQUIRE(store->Append("beta/call/c", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
  }
  return store;
}

TEST_CASE("reading one stream", "[eventstore][read]") {
  TempDir dir;
  auto store = Interleaved(dir);
  REQUIRE(store->Append("acme/agent/a", ExpectedVersion::Any(), MakeEvents(2)).status.ok());

  auto all = store->ReadStream("acme/agent/a", 1, Direction::kForward, 100);
  REQUIRE(all.ok());
  CHECK(Versions(*all) == std::vector<uint64_t>{1, 2, 3, 4, 5});
  CHECK(Positions(*all) == std::vector<uint64_t>{1, 4, 7, 10, 11});
  for (const auto& e : *all) CHECK(e.stream == "acme/agent/a");

  CHECK(Versions(*store->ReadStream("acme/agent/a", 2, Direction::kForward, 2)) ==
        std::vector<uint64_t>{2, 3});
  CHECK(Versions(*store->ReadStream("acme/agent/a", es::kStreamEnd, Direction::kBackward, 3)) ==
        std::vector<uint64_t>{5, 4, 3});
  CHECK(Versions(*store->ReadStream("acme/agent/a", 2, Direction::kBackward, 10)) ==
        std::vector<uint64_t>{2, 1});
  CHECK(store->ReadStream("acme/agent/a", 6, Direction::kForward, 10)->empty());
  CHECK(store->ReadStream("acme/agent/zzz", 1, Direction::kForward, 10)->empty());
  // A stream whose name is a prefix of another's reads only its own events.
  CHECK(store->ReadStream("acme/agent/", 1, Direction::kForward, 10)->empty());
  CHECK(*store->StreamVersion("acme/agent/a") == 5);
  CHECK(*store->StreamVersion("acme/agent/") == 0);
  CHECK(store->ReadStream("", 1, Direction::kForward, 10).status().IsInvalidArgument());
}

TEST_CASE("reading $all", "[eventstore][read]") {
  TempDir dir;
  auto store = Interleaved(dir);
  CHECK(store->LastPosition() == 9);

  auto page = store->ReadAll(1, 4);
  REQUIRE(page.ok());
  CHECK(Positions(page->events) == std::vector<uint64_t>{1, 2, 3, 4});
  CHECK(page->next_position == 5);
  page = store->ReadAll(page->next_position, 100);
  CHECK(Positions(page->events) == std::vector<uint64_t>{5, 6, 7, 8, 9});
  CHECK(page->next_position == 10);
  page = store->ReadAll(10, 100);
  CHECK(page->events.empty());
  CHECK(page->next_position == 10);

  SECTION("filtered by tenant") {
    auto acme = store->ReadAll(1, 100, es::StreamFilter::Glob("acme/*"));
    CHECK(Positions(acme->events) == std::vector<uint64_t>{1, 2, 4, 5, 7, 8});
  }
  SECTION("filtered by kind across tenants, with the position continuing past skipped events") {
    auto calls = store->ReadAll(1, 2, es::StreamFilter::Glob("*/call/*"));
    CHECK(Positions(calls->events) == std::vector<uint64_t>{2, 3});
    CHECK(calls->next_position == 4);
    calls = store->ReadAll(calls->next_position, 100, es::StreamFilter::Glob("*/call/*"));
    CHECK(Positions(calls->events) == std::vector<uint64_t>{5, 6, 8, 9});
    auto none = store->ReadAll(1, 100, es::StreamFilter::Glob("gamma/*"));
    CHECK(none->events.empty());
    CHECK(none->next_position == 10);
  }
  SECTION("scanning without copies visits the same events") {
    std::vector<uint64_t> visited;
    auto next = store->ScanAll(3, 4, es::StreamFilter::Glob("acme/*"),
                               [&](const es::RecordedEvent& e) { visited.push_back(e.position); });
    REQUIRE(next.ok());
    CHECK(visited == std::vector<uint64_t>{4, 5, 7, 8});
    CHECK(*next == 9);
  }
  SECTION("scanning into places decodes only what is placed, up to the bound") {
    std::vector<es::RecordedEvent> calls;
    std::vector<std::pair<uint64_t, std::string>> offered;
    size_t placed = 0;
    auto next = store->ScanInto(
        2, 8, 3,
        [&](uint64_t position, std::string_view stream) -> es::RecordedEvent* {
          offered.emplace_back(position, std::string(stream));
          return stream.find("/call/") != std::string_view::npos ? &calls.emplace_back() : nullptr;
        },
        [&](const es::RecordedEvent& e) {
          ++placed;
          CHECK(&e == &calls.back());
        });
    REQUIRE(next.ok());
    CHECK(Positions(calls) == std::vector<uint64_t>{2, 3, 5});
    CHECK(calls[2].stream == "acme/call/c");
    CHECK(calls[2].version == 2);
    CHECK(placed == 3);
    CHECK(offered.size() == 4);  // 2, 3, 4 (skipped), 5: then three were placed
    CHECK(*next == 6);
    calls.clear();
    next = store->ScanInto(6, 7, 100,
                           [&](uint64_t, std::string_view) { return &calls.emplace_back(); });
    CHECK(Positions(calls) == std::vector<uint64_t>{6, 7});  // no further than the bound
    CHECK(*next == 8);
  }
  SECTION("one position") {
    auto e = store->ReadAt(5);
    REQUIRE(e.ok());
    CHECK(e->stream == "acme/call/c");
    CHECK(e->version == 2);
    CHECK(store->ReadAt(10).status().IsNotFound());
  }
}

}  // namespace
}  // namespace sb::testing
