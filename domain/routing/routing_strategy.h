// How a queue picks among the agents eligible for a task (see agent_selection.h).
#ifndef SWITCHBOARD_DOMAIN_ROUTING_ROUTING_STRATEGY_H_
#define SWITCHBOARD_DOMAIN_ROUTING_ROUTING_STRATEGY_H_

#include <optional>
#include <string_view>

namespace sb::domain {

enum class RoutingStrategy {
  kLongestIdle,    // the agent free for the longest time (earliest idle_since); the default
  kRoundRobin,     // the next agent id after the queue's cursor, wrapping around
  kFewestCalls,    // the agent who handled the fewest calls today
  kLeastTalkTime,  // the agent with the least talk time today
  kRingAll,        // every eligible agent at once; the first to accept wins
  kRandom,         // one eligible agent picked with the caller's random value
};

// "longest_idle", "round_robin", "fewest_calls", "least_talk_time", "ring_all", "random".
const char* ToString(RoutingStrategy strategy);
std::optional<RoutingStrategy> ParseRoutingStrategy(std::string_view text);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_ROUTING_STRATEGY_H_
