#include "domain/routing/queue_state.h"

#include <algorithm>

namespace sb::domain {

void Reindex(QueueState* s) {
  s->task_keys.clear();
  s->waiting.clear();
  s->offer_ids.clear();
  s->offer_deadlines.clear();
  s->ringing.clear();
  for (const QueueTask& t : s->tasks) {
    s->task_keys[t.task_id] = RoutingKeyOf(t);
    if (!t.Offered()) s->waiting.insert(RoutingKeyOf(t));
  }
  for (const QueueOffer& o : s->offers) {
    s->offer_ids.insert(o.offer_id);
    s->offer_deadlines.insert(o.deadline);
    for (const std::string& agent : o.Ringing()) s->ringing[agent] = o.offer_id;
  }
}

std::vector<QueueTask> WaitingTasks(const QueueState& state) {
  std::vector<QueueTask> waiting;
  ForEachWaiting(state, [&](const QueueTask& t) {
    waiting.push_back(t);
    return true;
  });
  return waiting;
}

namespace {

std::vector<QueueTask>::const_iterator LowerBound(const QueueState& state, const RoutingKey& key) {
  return std::lower_bound(
      state.tasks.begin(), state.tasks.end(), key,
      [](const QueueTask& t, const RoutingKey& k) { return RoutingKeyOf(t) < k; });
}

}  // namespace

const QueueTask& TaskAt(const QueueState& state, const RoutingKey& key) {
  return *LowerBound(state, key);
}

Timestamp LongestWait(const QueueState& state, Timestamp now) {
  Timestamp longest = 0;
  for (const QueueTask& t : state.tasks) longest = std::max(longest, now - t.waiting_since);
  return longest;
}

const QueueTask* FindTask(const QueueState& state, const std::string& task_id) {
  const auto key = state.task_keys.find(task_id);
  if (key == state.task_keys.end()) return nullptr;
  const auto it = LowerBound(state, key->second);
  return it != state.tasks.end() && it->task_id == task_id ? &*it : nullptr;
}

const QueueOffer* FindOffer(const QueueState& state, const std::string& offer_id) {
  if (state.offer_ids.count(offer_id) == 0) return nullptr;
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
  const auto it = state.ringing.find(agent_id);
  return it == state.ringing.end() ? nullptr : FindOffer(state, it->second);
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
