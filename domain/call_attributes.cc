#include "domain/call_attributes.h"

#include "domain/ascii.h"

namespace sb::domain {
namespace {

template <class E, size_t N>
std::optional<E> ParseAmong(std::string_view text, const E (&values)[N]) {
  for (E v : values) {
    if (EqualsIgnoreCase(text, ToString(v))) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* ToString(CallDirection direction) {
  return direction == CallDirection::kInbound ? "INBOUND" : "OUTBOUND";
}

const char* ToString(CallChannel channel) {
  return channel == CallChannel::kInApp ? "IN_APP" : "PSTN";
}

const char* ToString(CallMode mode) { return mode == CallMode::kMock ? "mock" : "live"; }

std::optional<CallDirection> ParseCallDirection(std::string_view text) {
  static constexpr CallDirection kValues[] = {CallDirection::kOutbound, CallDirection::kInbound};
  return ParseAmong(text, kValues);
}

std::optional<CallChannel> ParseCallChannel(std::string_view text) {
  static constexpr CallChannel kValues[] = {CallChannel::kInApp, CallChannel::kPstn};
  return ParseAmong(text, kValues);
}

std::optional<CallMode> ParseCallMode(std::string_view text) {
  static constexpr CallMode kValues[] = {CallMode::kLive, CallMode::kMock};
  return ParseAmong(text, kValues);
}

}  // namespace sb::domain
