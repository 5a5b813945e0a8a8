// The queue as folded from its stream, and the queries the actor and read models ask of it.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_STATE_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_STATE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/routing/queue_config.h"
#include "domain/routing/queue_history.h"
#include "domain/routing/queue_offer.h"
#include "domain/routing/queue_task.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct QueueState {
  bool exists = false;  // false until QueueConfigured: every other command answers 404
  QueueConfig config;

  // Every task in the queue, waiting or offered, in routing order (RoutesBefore). An offered
  // task keeps its place, which is how a taken-back offer re-queues it where it was.
  std::vector<QueueTask> tasks;
  std::vector<QueueOffer> offers;  // open offers, in the order they were made

  // Agent id -> offers in a row the agent let expire (absent: 0). An accept or a reject
  // resets it (both prove the agent is at the desk); reaching max_no_answer resets it too,
  // since the agent is then sent to break and starts afresh when back.
  std::map<std::string, int> consecutive_misses;

  std::string round_robin_cursor;  // the agent the last round_robin offer went to
  int64_t next_sequence = 0;       // the sequence of the next enqueued task

  // Bounded memory of what left the queue, oldest first (see queue_history.h).
  std::vector<ClosedOffer> recent_offers;
  std::vector<ClosedTask> recent_tasks;

  Timestamp created_at = 0;
  Timestamp updated_at = 0;  // instant of the last event of any kind

  // Derived from `tasks` and `offers`, so not part of Tie(); kept by Evolve, and rebuilt by
  // Reindex after decoding. They answer the lookups every decision makes without scanning a
  // queue that holds thousands of tasks.
  std::unordered_map<std::string, RoutingKey> task_keys;  // task id -> its place in `tasks`
  std::set<RoutingKey> waiting;                           // of the tasks not being offered
  std::unordered_set<std::string> offer_ids;              // of the open offers
  std::multiset<Timestamp> offer_deadlines;               // of the open offers
  std::unordered_map<std::string, std::string> ringing;   // agent id -> open offer ringing there

  auto Tie() const {
    return std::tie(exists, config, tasks, offers, consecutive_misses, round_robin_cursor,
                    next_sequence, recent_offers, recent_tasks, created_at, updated_at);
  }
};

// Rebuilds the derived lookups from `tasks` and `offers`.
void Reindex(QueueState* state);

// Tasks not being offered, in routing order.
std::vector<QueueTask> WaitingTasks(const QueueState& state);

// Visits the waiting tasks in routing order until `visit` returns false.
template <class Visit>
void ForEachWaiting(const QueueState& state, Visit visit);

// The task at `key` (which must be in state.tasks).
const QueueTask& TaskAt(const QueueState& state, const RoutingKey& key);

// How long the longest-waiting task in the queue (waiting or offered: the customer is on hold
// either way) has waited at `now`, counted from its waiting_since; 0 for an empty queue.
Timestamp LongestWait(const QueueState& state, Timestamp now);

// nullptr when absent. Pointers are into `state` and valid until it changes.
const QueueTask* FindTask(const QueueState& state, const std::string& task_id);
const QueueOffer* FindOffer(const QueueState& state, const std::string& offer_id);
const ClosedOffer* FindClosedOffer(const QueueState& state, const std::string& offer_id);
const ClosedTask* FindClosedTask(const QueueState& state, const std::string& task_id);

// The open offer ringing at this agent, if any (at most one: an agent with an open offer is
// never offered another).
const QueueOffer* OpenOfferFor(const QueueState& state, const std::string& agent_id);

int ConsecutiveMisses(const QueueState& state, const std::string& agent_id);

// The next instant at which an escalation step of this (waiting) task falls due under
// `config`, or nullopt if none is pending.
std::optional<Timestamp> NextEscalation(const QueueConfig& config, const QueueTask& task);

template <class Visit>
void ForEachWaiting(const QueueState& state, Visit visit) {
  for (const RoutingKey& key : state.waiting) {
    if (!visit(TaskAt(state, key))) return;
  }
}

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_STATE_H_
