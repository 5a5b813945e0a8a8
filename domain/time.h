// Domain time: a plain number handed in by the caller, so deciders stay replayable.
#ifndef SWITCHBOARD_DOMAIN_TIME_H_
#define SWITCHBOARD_DOMAIN_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace sb::domain {

// Microseconds since the Unix epoch, UTC. The domain never reads a clock: the actor passes
// `now` into Decide, and every event records the instant it needs.
using Timestamp = int64_t;

inline constexpr Timestamp kMicrosPerSecond = 1'000'000;

constexpr Timestamp Seconds(int64_t seconds) { return seconds * kMicrosPerSecond; }

// RFC 3339 in UTC: "2025-12-03T10:30:00Z", or "2025-12-03T10:30:00.250000Z" when the instant
// has a sub-second part. This is the form of every timestamp in our JSON (seed 001 shape).
std::string FormatTimestamp(Timestamp t);

// Parses RFC 3339 ("YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"). Digits beyond
// microseconds are truncated. A missing offset is an error: a local time is not an instant.
Result<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_TIME_H_
