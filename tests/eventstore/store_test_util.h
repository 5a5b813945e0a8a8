// Helpers for event store tests: open a store in a temp dir, make events, append and check.
#ifndef SWITCHBOARD_TESTS_EVENTSTORE_STORE_TEST_UTIL_H_
#define SWITCHBOARD_TESTS_EVENTSTORE_STORE_TEST_UTIL_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "eventstore/event_store.h"
#include "tests/support/temp_dir.h"

// Catch2 v2 assertions are not thread-safe: worker threads assert through one lock, and only
// with CHECK (a failing REQUIRE throws, which would end a thread with std::terminate).
#define SB_THREAD_CHECK(...)                                                \
  do {                                                                      \
    std::lock_guard<std::mutex> sb_assert_lock(sb::testing::AssertMutex()); \
    CHECK(__VA_ARGS__);                                                     \
  } while (0)

namespace sb::testing {

inline std::mutex& AssertMutex() {
  static std::mutex mutex;
  return mutex;
}

inline std::unique_ptr<es::EventStore> OpenStore(const std::string& dir,
                                                 es::StoreOptions options = {}) {
  auto store = es::EventStore::Open(dir, std::move(options));
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline es::EventData MakeEvent(const std::string& type, const std::string& payload = "{}") {
  es::EventData e;
  e.id = es::NewEventId();
  e.type = type;
  e.payload = payload;
  e.tenant = "acme";
  e.actor = "test";
  return e;
}

inline std::vector<es::EventData> MakeEvents(size_t n, const std::string& type = "Happened") {
  std::vector<es::EventData> events;
  for (size_t i = 0; i < n; ++i) {
    events.push_back(MakeEvent(type, "{\"n\":" + std::to_string(i) + "}"));
  }
  return events;
}

inline std::vector<es::RecordedEvent> ReadWholeLog(const es::EventStore& store) {
  auto slice = store.ReadAll(1, SIZE_MAX);
  REQUIRE(slice.ok());
  return slice->events;
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_EVENTSTORE_STORE_TEST_UTIL_H_
