#include "domain/routing/routing_strategy.h"

#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<RoutingStrategy> kNames[] = {
    {RoutingStrategy::kLongestIdle, "longest_idle"},
    {RoutingStrategy::kRoundRobin, "round_robin"},
    {RoutingStrategy::kFewestCalls, "fewest_calls"},
    {RoutingStrategy::kLeastTalkTime, "least_talk_time"},
    {RoutingStrategy::kRingAll, "ring_all"},
    {RoutingStrategy::kRandom, "random"},
};

}  // namespace

const char* ToString(RoutingStrategy strategy) { return enum_names::NameOf(kNames, strategy); }

std::optional<RoutingStrategy> ParseRoutingStrategy(std::string_view text) {
  return enum_names::Parse(kNames, text);
}

}  // namespace sb::domain
