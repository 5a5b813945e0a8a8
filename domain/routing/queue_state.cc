#include "domain/routing/queue_state.h"

#include <algorithm>

namespace sb::domain {

std::vector<QueueTask> WaitingTasks(const QueueState& state) {
  std::vector<QueueTask> waiting;
  for (const QueueTask& t : state.tasks) {
    if (!t.Offered()) waiting.push_back(t);
  }
  return waiting;
}

Timestamp LongestWait(const QueueState& state, Timestamp now) {
  Timestamp longest = 0;
  for (const QueueTask& t : state.tasks) longest = std::max(longest, now - t.waiting_since);
  return longest;
}

const QueueTask* FindTask(const QueueState& state, const std::string& task_id) {
  for (const QueueTask& t : state.tasks) {
    if (t.task_id == task_id) return &t;
  }
  return nullptr;
}

const QueueOffer* FindOffer(const QueueState& state, const std::string& offer_id) {
  for (const QueueOffer& o : state.offers) {
    if (o.offer_id == offer_id) return &o;
  }
  return nullptr;
}

const ClosedOffer* FindClosedOffer(const QueueState& state, const std::string& offer_id) {
  for (const ClosedOffer& o : state.recent_offers) {
    if (o.offer_id == offer_id) return &o;
  }
  return nullptr;
}

const ClosedTask* FindClosedTask(const QueueState& state, const std::string& task_id) {
  for (const ClosedTask& t : state.recent_tasks) {
    if (t.task.task_id == task_id) return &t;
  }
  return nullptr;
}

const QueueOffer* OpenOfferFor(const QueueState& state, const std::string& agent_id) {
  for (const QueueOffer& o : state.offers) {
    if (o.OpenFor(agent_id)) return &o;
  }
  return nullptr;
}

int ConsecutiveMisses(const QueueState& state, const std::string& agent_id) {
  const auto it = state.consecutive_misses.find(agent_id);
  return it == state.consecutive_misses.end() ? 0 : it->second;
}

std::optional<Timestamp> NextEscalation(const QueueConfig& config, const QueueTask& task) {
  std::optional<Timestamp> next;
  const QueueEscalation& e = config.escalation;
  if (e.FallsBack()) next = task.enqueued_at + Seconds(e.fallback_after_seconds);
  if (e.Widens() && !task.skills_widened) {
    const Timestamp widen = task.enqueued_at + Seconds(e.widen_after_seconds);
    if (!next || widen < *next) next = widen;
  }
  return next;
}

}  // namespace sb::domain
