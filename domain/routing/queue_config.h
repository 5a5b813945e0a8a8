// What a queue is: its name, skills, strategy, timeouts and escalation. Replaced as a whole
// by ConfigureQueue; tasks and offers already in the queue follow the new config from then
// on, except that an open offer keeps the deadline it was made with.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_CONFIG_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_CONFIG_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "domain/routing/routing_strategy.h"
#include "domain/tie_equality.h"

namespace sb::domain {

// The capacity model of the queue's work: a voice task needs an agent with no call and no
// wrap-up (capacity 1); a chat task needs one free chat slot (capacity = the agent's max).
enum class QueueChannel { kVoice, kChat };

// "voice", "chat".
const char* ToString(QueueChannel channel);
std::optional<QueueChannel> ParseQueueChannel(std::string_view text);

// Both steps are optional and independent; the clock of each is the time the task has spent
// in this queue (so a task moved here from another queue does not escalate again at once).
// Only waiting tasks escalate: an offered task waits for its offer to close first.
struct QueueEscalation {
  // After this many seconds, the required skills become the task's current ones intersected
  // with widen_to_skills (so widening can only drop requirements). 0: never.
  int64_t widen_after_seconds = 0;
  std::set<std::string> widen_to_skills;
  // After this many seconds the task leaves this queue for fallback_queue_id (a saga enqueues
  // it there). 0: never. If both steps are due together, the move wins.
  int64_t fallback_after_seconds = 0;
  std::string fallback_queue_id;

  bool Widens() const { return widen_after_seconds > 0; }
  bool FallsBack() const { return fallback_after_seconds > 0 && !fallback_queue_id.empty(); }

  auto Tie() const {
    return std::tie(widen_after_seconds, widen_to_skills, fallback_after_seconds,
                    fallback_queue_id);
  }
};

inline constexpr int64_t kDefaultOfferTimeoutSeconds = 20;
inline constexpr int kDefaultMaxNoAnswer = 3;
inline constexpr int64_t kDefaultQueueWrapUpSeconds = 10;

struct QueueConfig {
  std::string name;                       // required
  std::set<std::string> required_skills;  // an agent needs all of them (any level)
  RoutingStrategy strategy = RoutingStrategy::kLongestIdle;
  // Between queues: an agent serving several queues is offered the higher one's task first
  // (the actor layer's choice; the queue only stores it).
  int priority = 0;
  int64_t offer_timeout_seconds = kDefaultOfferTimeoutSeconds;  // 1..3600
  // Consecutive unanswered offers after which the agent should be sent to break. 0: never.
  int max_no_answer = kDefaultMaxNoAnswer;
  // Wrap-up the actor layer gives an agent after a call from this queue (ReleaseAgentCall).
  int64_t wrap_up_seconds = kDefaultQueueWrapUpSeconds;
  QueueChannel channel = QueueChannel::kVoice;
  QueueEscalation escalation;

  auto Tie() const {
    return std::tie(name, required_skills, strategy, priority, offer_timeout_seconds, max_no_answer,
                    wrap_up_seconds, channel, escalation);
  }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_CONFIG_H_
