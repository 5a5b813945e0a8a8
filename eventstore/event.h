// The unit of the log: what a writer appends (EventData) and what a reader gets back
// (RecordedEvent, which adds where and when the log placed it).
#ifndef SWITCHBOARD_EVENTSTORE_EVENT_H_
#define SWITCHBOARD_EVENTSTORE_EVENT_H_

#include <cstdint>
#include <string>

#include <boost/uuid/uuid.hpp>

namespace sb::es {

using EventId = boost::uuids::uuid;

// A fresh random (v4) id. Thread-safe.
EventId NewEventId();
std::string ToString(const EventId& id);
// Parses the canonical 8-4-4-4-12 form; false if `text` is not one.
bool ParseEventId(const std::string& text, EventId* out);

struct EventData {
  EventId id{};                // unique; re-appending a stored id is a no-op (see EventStore)
  std::string type;            // e.g. "CallInitiated"
  std::string payload = "{}";  // JSON bytes, validated on append
  std::string tenant;
  std::string actor;           // who caused it: a user, an agent, "system", a provider
  std::string correlation_id;  // the flow this event belongs to
  std::string causation_id;    // the command or event that caused it
  int64_t timestamp_us = 0;    // UTC µs since the epoch; 0: stamped by the store at commit
};

struct RecordedEvent : EventData {
  std::string stream;     // "<tenant>/<kind>/<id>"
  uint64_t version = 0;   // 1-based, contiguous within the stream
  uint64_t position = 0;  // 1-based, contiguous across the whole log ($all)
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_EVENT_H_
