// Commands a queue entity accepts. The queue's id is the stream's, not a field.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_COMMANDS_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/routing/agent_selection.h"
#include "domain/routing/queue_config.h"
#include "domain/routing/queue_task.h"
#include "domain/time.h"

namespace sb::domain {

// Creates the queue, or (PUT semantics) replaces the config of an existing one.
struct ConfigureQueue {
  QueueConfig config;
};

// Routes one task: the queue runs SelectAgents over `candidates` with its own config and
// round-robin cursor, and offers the task to the chosen agent(s). The decision is taken here,
// not by the caller, so the record in the event is the one that was applied.
struct OfferTask {
  std::string offer_id;  // chosen by the caller (a UUID); the idempotency key
  // The task to route; empty: the first waiting task, in routing order, that has an eligible
  // agent (so a task needing a rare skill does not block the ones behind it).
  std::string task_id;
  std::vector<RoutingCandidate> candidates;
  uint64_t random_value = 0;  // used by the random strategy only
};

// A work item starts waiting in this queue.
struct EnqueueTask {
  std::string task_id;
  TaskKind kind = TaskKind::kCall;
  std::string call_id;  // required for kCall
  std::string caller_number;
  std::string customer_name;
  std::string customer_email;
  int priority = 0;
  std::optional<std::set<std::string>> required_skills;  // overrides the queue's
  // When the customer started waiting; unset means now. A task moved from another queue
  // passes its original instant so the caller keeps their place by age.
  std::optional<Timestamp> at;
  // Routes the task on arrival, in the same decision, if it is then the head of the queue
  // (no waiting task routes before it): TaskOffered follows TaskEnqueued, decided as OfferTask
  // would (its task_id is ignored). Nobody eligible, or others waiting ahead: it only waits.
  std::optional<OfferTask> offer;
};

// The agent takes the offered task.
struct AcceptOffer {
  std::string offer_id;
  std::string agent_id;
};

// The agent declines the offered task.
struct RejectOffer {
  std::string offer_id;
  std::string agent_id;
  std::string reason;  // free text; "rejected" when empty
};

// The agent can no longer take an offer (went offline, logged out, took a call elsewhere):
// whatever is ringing at them is taken back without counting a miss.
struct WithdrawAgentOffers {
  std::string agent_id;
  std::string reason;  // free text; "agent_unavailable" when empty
};

// The task is over before being assigned (the caller hung up, the request was withdrawn).
struct CancelTask {
  std::string task_id;
  std::string reason;  // free text; "canceled" when empty
};

// An assignment failed downstream (the agent could not be reserved or the bridge failed):
// the assigned task comes back at its original place.
struct RequeueTask {
  std::string task_id;
  std::string reason;  // free text; "assignment_failed" when empty
};

// Timer: expires every open offer and runs every escalation step due at `now`. One command
// for both, because ExpiryCommand only knows the instant. What is due is judged against
// `now`, not `deadline` (the instant the timer was armed for), so a late, early, duplicate or
// stale timer does exactly what is due and nothing else.
struct ExpireQueueDeadlines {
  Timestamp deadline = 0;
};

using QueueCommand =
    std::variant<ConfigureQueue, EnqueueTask, OfferTask, AcceptOffer, RejectOffer,
                 WithdrawAgentOffers, CancelTask, RequeueTask, ExpireQueueDeadlines>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_COMMANDS_H_
