// Agent selection: which agents a task is offered to. A pure function of its inputs — the
// candidates' snapshot, `now`, the queue's round-robin cursor and a random value all come
// from the caller — so the same inputs always give the same choice and a routing decision
// can be replayed and explained from its event.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_AGENT_SELECTION_H_
#define SWITCHBOARD_DOMAIN_ROUTING_AGENT_SELECTION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/agent_status.h"
#include "domain/routing/queue_config.h"
#include "domain/routing/queue_task.h"
#include "domain/routing/routing_strategy.h"
#include "domain/routing/skip_reason.h"
#include "domain/time.h"

namespace sb::domain {

// What routing knows of one agent at the moment of the decision (from the agent actors or
// their read model). Statistics are the caller's "today"; selection does not judge periods.
struct RoutingCandidate {
  std::string agent_id;
  AgentStatus status = AgentStatus::kOffline;
  std::map<std::string, int> skills;       // as AgentProfile::skills; any level satisfies a need
  bool on_call = false;                    // holds a call (whatever the status says)
  std::optional<Timestamp> wrap_up_until;  // busy in wrap-up while now < this instant
  int chat_load = 0;                       // open chats
  int max_chats = 1;                       // chat capacity
  bool has_open_offer = false;  // is being offered a task by any queue, or being assigned one
  Timestamp idle_since = 0;     // when the agent last became free
  int64_t calls_handled = 0;
  int64_t talk_seconds = 0;
};

struct RoutingChoice {
  RoutingStrategy strategy = RoutingStrategy::kLongestIdle;
  // Who to offer the task to: every eligible agent under ring_all, otherwise the best one;
  // empty when nobody is eligible.
  std::vector<std::string> chosen;
  std::vector<std::string> eligible;  // ranked by the strategy, best first
  std::vector<SkippedAgent> skipped;  // in agent id order, one reason each
  // The queue's round-robin cursor after this choice: the chosen agent under round_robin
  // (when one was chosen), the input cursor otherwise.
  std::string next_cursor;
};

// Chooses among `candidates` for `task` in a queue configured by `config`.
//
// Eligibility, checked in SkipReason order (the first failing check is the reason): has every
// required skill (RequiredSkillsOf); a status that CanTakeWork; not holding a call; not in a
// wrap-up that lasts beyond `now`; no open offer; and on the chat channel, chat_load <
// max_chats. Agents on a call or in wrap-up get nothing on any channel.
//
// Ranking (ties always broken by agent id, so the result never depends on input order):
//   longest_idle    idle_since ascending
//   fewest_calls    calls_handled ascending
//   least_talk_time talk_seconds ascending
//   ring_all        as longest_idle; all are chosen
//   round_robin     agent ids ascending, rotated to start at the first id greater than
//                   `round_robin_cursor` (wrapping to the smallest)
//   random          agent ids ascending, rotated to start at index random_value % count
//
// Candidates with a duplicate agent_id after the first are ignored.
//
// `limit` bounds `eligible` and `skipped` to their first `limit` entries (and `chosen` under
// ring_all), for a caller that shortlists among thousands: the entries listed are the same as
// without a limit, and they cost a partial sort instead of a whole one.
RoutingChoice SelectAgents(const QueueConfig& config, const QueueTask& task, Timestamp now,
                           const std::vector<RoutingCandidate>& candidates,
                           const std::string& round_robin_cursor, uint64_t random_value,
                           size_t limit = SIZE_MAX);

// The reason `candidate` is not eligible for a task needing `required_skills` on `channel`
// at `now`, or nullopt if it is eligible. SelectAgents' filter, exposed for callers that
// explain a single agent ("why am I not getting calls?").
std::optional<SkipReason> IneligibilityOf(const RoutingCandidate& candidate,
                                          const std::set<std::string>& required_skills,
                                          QueueChannel channel, Timestamp now);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_AGENT_SELECTION_H_
