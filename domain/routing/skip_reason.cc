#include "domain/routing/skip_reason.h"

#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<SkipReason> kNames[] = {
    {SkipReason::kMissingSkill, "missing_skill"},
    {SkipReason::kOffline, "offline"},
    {SkipReason::kAway, "away"},
    {SkipReason::kOnBreak, "on_break"},
    {SkipReason::kOnCall, "on_call"},
    {SkipReason::kWrapUp, "wrap_up"},
    {SkipReason::kHasOpenOffer, "has_open_offer"},
    {SkipReason::kAtCapacity, "at_capacity"},
};

}  // namespace

const char* ToString(SkipReason reason) { return enum_names::NameOf(kNames, reason); }

std::optional<SkipReason> ParseSkipReason(std::string_view text) {
  return enum_names::Parse(kNames, text);
}

}  // namespace sb::domain
