#include "ops/event_json.h"

#include <time.h>

#include <cstdio>

#include <boost/json.hpp>

namespace sb::ops {

std::string FormatTimestamp(int64_t micros) {
  time_t seconds = static_cast<time_t>(micros / 1000000);
  int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    --seconds;
  }
  struct tm tm;
  gmtime_r(&seconds, &tm);
  char buf[40];
  size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + n, sizeof buf - n, ".%06lldZ", static_cast<long long>(fraction));
  return buf;
}

boost::json::value EventToJson(const es::RecordedEvent& e) {
  boost::system::error_code ec;
  boost::json::value payload = boost::json::parse(e.payload, ec);
  if (ec) payload = e.payload;  // the store validates payloads, but print what is there
  return boost::json::object{
      {"position", e.position},
      {"stream", e.stream},
      {"version", e.version},
      {"type", e.type},
      {"id", es::ToString(e.id)},
      {"timestamp", FormatTimestamp(e.timestamp_us)},
      {"tenant", e.tenant},
      {"actor", e.actor},
      {"correlation_id", e.correlation_id},
      {"causation_id", e.causation_id},
      {"payload", std::move(payload)},
  };
}

}  // namespace sb::ops
