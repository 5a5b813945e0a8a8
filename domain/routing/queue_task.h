// A work item waiting in a queue: an inbound call on hold, a callback or support request to
// return, or (later) a chat. Tasks are served in routing order (RoutesBefore).
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_TASK_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_TASK_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "domain/routing/queue_config.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

enum class TaskKind { kCall, kCallback, kChat };

// "call", "callback", "chat".
const char* ToString(TaskKind kind);
std::optional<TaskKind> ParseTaskKind(std::string_view text);

struct QueueTask {
  std::string task_id;  // unique within the queue; the idempotency key of EnqueueTask
  TaskKind kind = TaskKind::kCall;
  std::string call_id;        // required for kCall; may be empty for callbacks
  std::string caller_number;  // E.164 when present
  std::string customer_name;
  std::string customer_email;
  int priority = 0;  // higher is served first (the enqueuer gives VIPs a higher one)
  // Replaces the queue's required skills for this task when set; escalation sets it too.
  std::optional<std::set<std::string>> required_skills;
  bool skills_widened = false;  // the widening step has run (it runs once)
  // When the customer started waiting. Kept when a task moves between queues, so a moved
  // caller keeps their place by age; orders tasks and measures the longest wait.
  Timestamp waiting_since = 0;
  Timestamp enqueued_at = 0;  // when it entered this queue: the escalation clock
  int64_t sequence = 0;       // assigned by the queue; breaks ties of priority and age
  std::string offer_id;       // the open offer for this task; empty while waiting

  bool Offered() const { return !offer_id.empty(); }

  auto Tie() const {
    return std::tie(task_id, kind, call_id, caller_number, customer_name, customer_email, priority,
                    required_skills, skills_widened, waiting_since, enqueued_at, sequence,
                    offer_id);
  }
};

// Routing order: priority descending, then waiting_since ascending, then sequence. A total
// order (sequences are unique in a queue), so a task whose offer is taken back is again
// exactly where it was.
bool RoutesBefore(const QueueTask& a, const QueueTask& b);

// A task's place in routing order as a value: a < b exactly when RoutesBefore(a, b).
using RoutingKey = std::tuple<int, Timestamp, int64_t>;  // -priority, waiting_since, sequence
RoutingKey RoutingKeyOf(const QueueTask& task);

// The skills an agent needs for this task: its own when set, otherwise the queue's.
const std::set<std::string>& RequiredSkillsOf(const QueueConfig& config, const QueueTask& task);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_TASK_H_
