// The JSON form of a recorded event, as `switchboard events` prints it.
#ifndef SWITCHBOARD_OPS_EVENT_JSON_H_
#define SWITCHBOARD_OPS_EVENT_JSON_H_

#include <string>

#include <boost/json/value.hpp>

#include "eventstore/event.h"

namespace sb::ops {

// "2026-11-21T13:10:00.123456Z"
std::string FormatTimestamp(int64_t micros);
boost::json::value EventToJson(const es::RecordedEvent& event);

}  // namespace sb::ops

#endif  // SWITCHBOARD_OPS_EVENT_JSON_H_
