// What a queue remembers of offers and tasks that have left it, so that late and duplicate
// commands are answered by what actually happened instead of a generic "not found": a
// second accept names the winner (offer_closed), an accept after the deadline is
// offer_expired, a retried accept is a no-op, a duplicate "call waiting" webhook after the
// call was assigned does not route it twice, and a failed assignment can be put back.
//
// The memory is bounded (kQueueHistoryLimit entries of each kind, oldest forgotten first) so
// a queue that runs for years keeps a small state and snapshot; beyond it, commands about
// forgotten offers and tasks are answered as for unknown ones.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_HISTORY_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_HISTORY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/routing/queue_task.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

inline constexpr size_t kQueueHistoryLimit = 200;

enum class OfferOutcome { kAccepted, kRejected, kExpired, kWithdrawn, kCanceled };

// "accepted", "rejected", "expired", "withdrawn", "canceled".
const char* ToString(OfferOutcome outcome);
std::optional<OfferOutcome> ParseOfferOutcome(std::string_view text);

struct ClosedOffer {
  std::string offer_id;
  std::string task_id;
  std::vector<std::string> agent_ids;  // everyone it was offered to
  OfferOutcome outcome = OfferOutcome::kExpired;
  std::string agent_id;  // kAccepted: the winner; kRejected/kWithdrawn: the last to leave it
  Timestamp closed_at = 0;

  auto Tie() const { return std::tie(offer_id, task_id, agent_ids, outcome, agent_id, closed_at); }
};

enum class TaskOutcome { kAssigned, kCanceled, kMoved };

// "assigned", "canceled", "moved".
const char* ToString(TaskOutcome outcome);
std::optional<TaskOutcome> ParseTaskOutcome(std::string_view text);

struct ClosedTask {
  QueueTask task;  // as it left (kept whole so RequeueTask can restore its exact position)
  TaskOutcome outcome = TaskOutcome::kCanceled;
  std::string agent_id;  // kAssigned: who got it; kMoved: empty
  Timestamp closed_at = 0;

  auto Tie() const { return std::tie(task, outcome, agent_id, closed_at); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_HISTORY_H_
