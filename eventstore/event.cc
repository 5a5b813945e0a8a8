#include "eventstore/event.h"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace sb::es {

EventId NewEventId() {
  thread_local boost::uuids::random_generator generator;
  return generator();
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
