// Events of a queue stream. Each carries everything Evolve needs, including its instant, and
// what the actor layer needs to act on it (e.g. the whole task on assignment).
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_EVENTS_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_EVENTS_H_

#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "domain/routing/queue_config.h"
#include "domain/routing/queue_task.h"
#include "domain/routing/routing_strategy.h"
#include "domain/routing/skip_reason.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

// Created or replaced (the first one creates).
struct QueueConfigured {
  static constexpr const char* kType = "QueueConfigured";
  QueueConfig config;
  Timestamp at = 0;
  auto Tie() const { return std::tie(config, at); }
};

struct TaskEnqueued {
  static constexpr const char* kType = "TaskEnqueued";
  QueueTask task;  // complete: waiting_since, enqueued_at and sequence are set
  Timestamp at = 0;
  auto Tie() const { return std::tie(task, at); }
};

// The routing decision and the offer it made, in one event.
struct TaskOffered {
  static constexpr const char* kType = "TaskOffered";
  std::string offer_id;
  std::string task_id;
  std::vector<std::string> agent_ids;  // offered to; several only under ring_all
  Timestamp deadline = 0;
  RoutingStrategy strategy = RoutingStrategy::kLongestIdle;
  std::vector<std::string> eligible;  // ranked, best first
  std::vector<SkippedAgent> skipped;
  std::string round_robin_cursor;  // the queue's cursor from now on
  Timestamp at = 0;
  auto Tie() const {
    return std::tie(offer_id, task_id, agent_ids, deadline, strategy, eligible, skipped,
                    round_robin_cursor, at);
  }
};

// The offer was accepted: the task leaves the queue. The actor layer now reserves the agent
// and bridges the call (or RequeueTask-s it if that fails).
struct TaskAssigned {
  static constexpr const char* kType = "TaskAssigned";
  std::string offer_id;
  std::string agent_id;
  QueueTask task;  // as it was when assigned (call id, customer, priority, wait start)
  // ring_all: the other agents that were still ringing; their consoles stop ringing.
  std::vector<std::string> released_agent_ids;
  Timestamp at = 0;
  auto Tie() const { return std::tie(offer_id, agent_id, task, released_agent_ids, at); }
};

struct OfferRejected {
  static constexpr const char* kType = "OfferRejected";
  std::string offer_id;
  std::string task_id;
  std::string agent_id;
  std::string reason;
  // Nobody is left ringing: the offer closed and the task is waiting again. False only under
  // ring_all while other agents still ring.
  bool offer_closed = true;
  Timestamp at = 0;
  auto Tie() const { return std::tie(offer_id, task_id, agent_id, reason, offer_closed, at); }
};

// One agent's unanswered offer.
struct AgentMiss {
  std::string agent_id;
  int consecutive_misses = 0;  // including this one
  // consecutive_misses reached the queue's max_no_answer: the actor layer sends the agent
  // to break. The queue's count for the agent then starts again from 0.
  bool max_no_answer_reached = false;
  auto Tie() const { return std::tie(agent_id, consecutive_misses, max_no_answer_reached); }
};

// The deadline passed: the offer is taken back and the task is waiting again.
struct OfferExpired {
  static constexpr const char* kType = "OfferExpired";
  std::string offer_id;
  std::string task_id;
  std::vector<AgentMiss> misses;  // every agent still ringing at the deadline
  Timestamp at = 0;
  auto Tie() const { return std::tie(offer_id, task_id, misses, at); }
};

// The agent's offer was taken back without counting a miss.
struct OfferWithdrawn {
  static constexpr const char* kType = "OfferWithdrawn";
  std::string offer_id;
  std::string task_id;
  std::string agent_id;
  std::string reason;
  bool offer_closed = true;  // as in OfferRejected
  Timestamp at = 0;
  auto Tie() const { return std::tie(offer_id, task_id, agent_id, reason, offer_closed, at); }
};

// The task leaves the queue unassigned; its open offer, if any, closes with it.
struct TaskCanceled {
  static constexpr const char* kType = "TaskCanceled";
  std::string task_id;
  std::string reason;
  std::string offer_id;                         // the offer closed with it; empty if it was waiting
  std::vector<std::string> released_agent_ids;  // agents that offer was still ringing at
  Timestamp at = 0;
  auto Tie() const { return std::tie(task_id, reason, offer_id, released_agent_ids, at); }
};

// An assigned task is back at its original place.
struct TaskRequeued {
  static constexpr const char* kType = "TaskRequeued";
  QueueTask task;  // as it was before assignment, waiting (no offer)
  std::string reason;
  Timestamp at = 0;
  auto Tie() const { return std::tie(task, reason, at); }
};

// Escalation, first step: the task's required skills shrink from `from` to `to`.
struct TaskSkillsWidened {
  static constexpr const char* kType = "TaskSkillsWidened";
  std::string task_id;
  std::set<std::string> from;
  std::set<std::string> to;
  Timestamp at = 0;
  auto Tie() const { return std::tie(task_id, from, to, at); }
};

// Escalation, second step: the task leaves this queue; a saga enqueues it in the fallback
// queue (EnqueueTask with at = task.waiting_since).
struct TaskMovedToFallback {
  static constexpr const char* kType = "TaskMovedToFallback";
  QueueTask task;
  std::string fallback_queue_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(task, fallback_queue_id, at); }
};

using QueueEvent = std::variant<QueueConfigured, TaskEnqueued, TaskOffered, TaskAssigned,
                                OfferRejected, OfferExpired, OfferWithdrawn, TaskCanceled,
                                TaskRequeued, TaskSkillsWidened, TaskMovedToFallback>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_EVENTS_H_
