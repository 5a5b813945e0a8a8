// How a call is placed: direction, channel and whether a real provider carries it.
#ifndef SWITCHBOARD_DOMAIN_CALL_ATTRIBUTES_H_
#define SWITCHBOARD_DOMAIN_CALL_ATTRIBUTES_H_

#include <optional>
#include <string_view>

namespace sb::domain {

enum class CallDirection { kOutbound, kInbound };  // "OUTBOUND", "INBOUND"

// IN_APP rings the customer console (customer online and consented, "live" lead);
// PSTN goes through a VoIP provider ("to_rescue" lead).
enum class CallChannel { kInApp, kPstn };  // "IN_APP", "PSTN"

// live: a real provider/console carries the call; mock: no provider is configured, and the
// call is driven through its states by the status API (issue 3, seed 002's "mock mode").
enum class CallMode { kLive, kMock };  // "live", "mock"

const char* ToString(CallDirection direction);
const char* ToString(CallChannel channel);
const char* ToString(CallMode mode);
// Each accepts its spellings above, case-insensitively.
std::optional<CallDirection> ParseCallDirection(std::string_view text);
std::optional<CallChannel> ParseCallChannel(std::string_view text);
std::optional<CallMode> ParseCallMode(std::string_view text);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_ATTRIBUTES_H_
