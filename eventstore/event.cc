#include "eventstore/event.h"

#include <chrono>

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace sb::es {

EventId NewEventId() {
  // A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made
  // close in time sort close together, so the event id index takes them as near-sequential
  // inserts instead of random ones, which costs RocksDB's memtable several times less.
  thread_local boost::uuids::random_generator_mt19937 random;  // seeded from the OS once
  EventId id = random();
  const uint64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  for (int i = 0; i < 6; ++i) id.data[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  id.data[6] = static_cast<uint8_t>(0x70 | (id.data[6] & 0x0f));  // version 7
  id.data[8] = static_cast<uint8_t>(0x80 | (id.data[8] & 0x3f));  // RFC 4122 variant
  return id;
}

std::string ToString(const EventId& id) { return boost::uuids::to_string(id); }

bool ParseEventId(const std::string& text, EventId* out) {
  if (text.size() != 36) return false;
  try {
    *out = boost::uuids::string_generator()(text);
    return true;
  } catch (const std::exception&) {  // string_generator reports bad input by throwing
    return false;
  }
}

}  // namespace sb::es
