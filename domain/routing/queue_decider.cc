// Queue rules (decisions taken where issue 5 leaves room; Twilio TaskRouter reservations,
// FreeSWITCH mod_callcenter and Asterisk app_queue were the reference, minus their races):
//
// - Existence: ConfigureQueue creates the queue and is an upsert (PUT /queues/{id}): on an
//   existing queue it replaces the config, or does nothing if it is identical. Every other
//   command on a queue never configured is kNotFound "queue_not_found", except the timer,
//   which is a no-op.
// - Config: name required ("name_required"); skill names non-empty ("invalid_skill");
//   offer_timeout_seconds in 1..3600 ("invalid_offer_timeout"); max_no_answer in 0..100
//   ("invalid_max_no_answer"); wrap_up_seconds in 0..86400 ("invalid_wrap_up_seconds");
//   escalation delays in 0..7 days ("invalid_escalation"); a fallback delay needs a fallback
//   queue id ("fallback_queue_required"). Whether that queue exists is the actor layer's
//   check: a decider sees only its own stream.
// - EnqueueTask: task_id required ("task_id_required"); a call needs its call_id
//   ("call_id_required"); caller_number E.164 if present ("invalid_phone"); customer_email
//   plausible if present ("invalid_email"); skill names non-empty ("invalid_skill"); `at`
//   not after now ("invalid_at"). The task id is the idempotency key: a task already in the
//   queue is a no-op; one recently assigned or canceled here is kConflict "task_closed"
//   (holder: the agent it went to), so a duplicate webhook never routes a call twice; one
//   that moved to a fallback queue may come back.
// - OfferTask: offer_id required ("offer_id_required"); an offer id already used for the same
//   task (or with no task named) is a no-op (retry), for another task kConflict
//   "offer_id_in_use". A named task must be in the queue (kNotFound "task_not_found",
//   kConflict "task_closed") and waiting (kConflict "task_already_offered", holder: the
//   offer). The queue marks agents ringing in its own open offers as has_open_offer
//   whatever the caller's snapshot says: no agent is ever offered two tasks by one queue.
//   Nobody eligible is kConflict "no_eligible_agent" (the message counts the skip reasons);
//   no waiting task at all is kConflict "no_waiting_task". The offer's deadline is now +
//   offer_timeout_seconds.
// - AcceptOffer: decided once. On the open offer, an agent it was not made to is kForbidden
//   "offer_not_yours" (403: the offer exists, this agent may not take it); an agent of a
//   ring_all offer who already rejected it is kConflict "offer_closed"; at or after the
//   deadline it is kConflict "offer_expired" even if the timer has not run yet (time decides,
//   not message order). Otherwise TaskAssigned: the task leaves the queue and the agent's miss
//   count resets. On a closed offer: a retry by the winner is a no-op; anyone else of the
//   offer gets kConflict "offer_closed" (holder: the winner) or "offer_expired". An unknown
//   offer is kNotFound "offer_not_found".
// - RejectOffer: resets the agent's miss count (a reject is an answer). Under ring_all the
//   agent is dropped and the offer stays open for the others; when nobody is left it closes
//   and the task waits again at its place. Rejecting twice, rejecting a closed offer or one
//   past its deadline (the timer will count the miss) is a no-op; rejecting an offer one
//   accepted is kConflict "offer_accepted"; not yours and unknown as for AcceptOffer.
// - WithdrawAgentOffers: takes back what rings at the agent (OfferWithdrawn), no miss counted;
//   nothing ringing is a no-op.
// - CancelTask: a task in the queue leaves it (TaskCanceled), closing its open offer; a task
//   that already left recently is a no-op (the hang-up raced the assignment: the call flow
//   owns it now); an unknown one is kNotFound "task_not_found".
// - RequeueTask: a recently assigned task comes back with its original priority, age and
//   sequence, hence at its original place; a task in the queue is a no-op; a canceled or
//   moved one is kConflict "task_closed"; an unknown one kNotFound "task_not_found".
// - ExpireQueueDeadlines: every open offer whose deadline is <= now expires (OfferExpired,
//   one miss per agent still ringing, max_no_answer_reached when the count reaches
//   max_no_answer > 0); then every waiting task whose escalation step is due moves to the
//   fallback queue or has its skills widened (once). Nothing due: no events (stale timer).
#include "domain/routing/queue_decider.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/ascii.h"
#include "domain/email.h"
#include "domain/overloaded.h"
#include "domain/phone.h"

namespace sb::domain {
namespace {

using Events = std::vector<QueueEvent>;

constexpr int64_t kMaxOfferTimeoutSeconds = 60 * 60;
constexpr int kMaxNoAnswerLimit = 100;
constexpr int64_t kMaxWrapUpSeconds = 24 * 60 * 60;
constexpr int64_t kMaxEscalationSeconds = 7 * 24 * 60 * 60;

Rejection QueueNotFound() {
  return Rejection::NotFound("queue_not_found", "queue is not configured");
}

Rejection TaskNotFound(const std::string& task_id) {
  return Rejection::NotFound("task_not_found", "no task " + task_id + " in this queue");
}

Rejection OfferNotFound(const std::string& offer_id) {
  return Rejection::NotFound("offer_not_found", "no offer " + offer_id + " in this queue");
}

Rejection NotYours(const std::string& offer_id) {
  return Rejection::Forbidden("offer_not_yours", "offer " + offer_id + " was not made to you");
}

Rejection TaskClosed(const ClosedTask& closed) {
  return Rejection::Conflict("task_closed",
                             "task " + closed.task.task_id + " was " + ToString(closed.outcome),
                             closed.agent_id);
}

std::optional<Rejection> ValidateSkills(const std::set<std::string>& skills, const char* field) {
  for (const std::string& skill : skills) {
    if (IsBlank(skill)) return Rejection::Invalid("invalid_skill", "empty skill name", field);
  }
  return std::nullopt;
}

std::optional<Rejection> ValidateConfig(const QueueConfig& c) {
  if (IsBlank(c.name)) return Rejection::Invalid("name_required", "queue name is required", "name");
  if (auto r = ValidateSkills(c.required_skills, "required_skills")) return r;
  if (c.offer_timeout_seconds < 1 || c.offer_timeout_seconds > kMaxOfferTimeoutSeconds) {
    return Rejection::Invalid("invalid_offer_timeout",
                              "offer_timeout_seconds must be between 1 and 3600",
                              "offer_timeout_seconds");
  }
  if (c.max_no_answer < 0 || c.max_no_answer > kMaxNoAnswerLimit) {
    return Rejection::Invalid("invalid_max_no_answer", "max_no_answer must be between 0 and 100",
                              "max_no_answer");
  }
  if (c.wrap_up_seconds < 0 || c.wrap_up_seconds > kMaxWrapUpSeconds) {
    return Rejection::Invalid("invalid_wrap_up_seconds",
                              "wrap_up_seconds must be between 0 and 86400", "wrap_up_seconds");
  }
  const QueueEscalation& e = c.escalation;
  for (int64_t delay : {e.widen_after_seconds, e.fallback_after_seconds}) {
    if (delay < 0 || delay > kMaxEscalationSeconds) {
      return Rejection::Invalid("invalid_escalation",
                                "escalation delays must be between 0 and 604800 seconds",
                                "escalation");
    }
  }
  if (auto r = ValidateSkills(e.widen_to_skills, "escalation")) return r;
  if (e.fallback_after_seconds > 0 && IsBlank(e.fallback_queue_id)) {
    return Rejection::Invalid("fallback_queue_required",
                              "fallback_after_seconds needs a fallback_queue_id", "escalation");
  }
  return std::nullopt;
}

Decision<QueueEvent> DecideConfigure(const QueueState& s, const ConfigureQueue& c, Timestamp now) {
  if (auto rejection = ValidateConfig(c.config)) return *rejection;
  if (s.exists && s.config == c.config) return Events{};
  return Events{QueueConfigured{c.config, now}};
}

bool OfferIdUsed(const QueueState& s, const std::string& offer_id) {
  return FindOffer(s, offer_id) != nullptr || FindClosedOffer(s, offer_id) != nullptr;
}

// The candidates, marked as having an open offer where one rings at them in this queue.
std::vector<RoutingCandidate> MarkRinging(const QueueState& s,
                                          std::vector<RoutingCandidate> candidates) {
  for (RoutingCandidate& candidate : candidates) {
    if (s.ringing.count(candidate.agent_id)) candidate.has_open_offer = true;
  }
  return candidates;
}

TaskOffered OfferEvent(const QueueState& s, const std::string& offer_id, const QueueTask& task,
                       RoutingChoice choice, Timestamp now) {
  return TaskOffered{offer_id,
                     task.task_id,
                     std::move(choice.chosen),
                     now + Seconds(s.config.offer_timeout_seconds),
                     choice.strategy,
                     std::move(choice.eligible),
                     std::move(choice.skipped),
                     std::move(choice.next_cursor),
                     now};
}

Decision<QueueEvent> DecideEnqueue(const QueueState& s, const EnqueueTask& c, Timestamp now) {
  if (!s.exists) return QueueNotFound();
  if (IsBlank(c.task_id)) {
    return Rejection::Invalid("task_id_required", "task id is required", "task_id");
  }
  if (c.kind == TaskKind::kCall && c.call_id.empty()) {
    return Rejection::Invalid("call_id_required", "a call task needs its call id", "call_id");
  }
  if (!c.caller_number.empty() && !IsValidE164(c.caller_number)) {
    return Rejection::Invalid("invalid_phone", "not an E.164 number: " + c.caller_number,
                              "caller_number");
  }
  if (!c.customer_email.empty() && !IsPlausibleEmail(c.customer_email)) {
    return Rejection::Invalid("invalid_email", "not an e-mail address: " + c.customer_email,
                              "customer_email");
  }
  if (c.required_skills) {
    if (auto r = ValidateSkills(*c.required_skills, "required_skills")) return *r;
  }
  if (c.at && *c.at > now) {
    return Rejection::Invalid("invalid_at", "a task cannot start waiting in the future", "at");
  }
  if (FindTask(s, c.task_id) != nullptr) return Events{};
  if (const ClosedTask* closed = FindClosedTask(s, c.task_id)) {
    if (closed->outcome != TaskOutcome::kMoved) return TaskClosed(*closed);
  }
  QueueTask t;
  t.task_id = c.task_id;
  t.kind = c.kind;
  t.call_id = c.call_id;
  t.caller_number = c.caller_number;
  t.customer_name = c.customer_name;
  t.customer_email = c.customer_email;
  t.priority = c.priority;
  t.required_skills = c.required_skills;
  t.waiting_since = c.at.value_or(now);
  t.enqueued_at = now;
  t.sequence = s.next_sequence;
  Events events{TaskEnqueued{t, now}};
  const bool head = s.waiting.empty() || RoutingKeyOf(t) < *s.waiting.begin();
  if (c.offer && head && !IsBlank(c.offer->offer_id) && !OfferIdUsed(s, c.offer->offer_id)) {
    const std::vector<RoutingCandidate> candidates = MarkRinging(s, c.offer->candidates);
    RoutingChoice choice =
        SelectAgents(s.config, t, now, candidates, s.round_robin_cursor, c.offer->random_value);
    if (!choice.chosen.empty()) events.push_back(OfferEvent(s, c.offer->offer_id, t, choice, now));
  }
  return events;
}

Rejection NoEligibleAgent(const QueueTask& task, const RoutingChoice& choice) {
  std::map<std::string, int> counts;
  for (const SkippedAgent& a : choice.skipped) ++counts[ToString(a.reason)];
  std::string message = "no eligible agent for task " + task.task_id;
  const char* separator = ": ";
  for (const auto& [reason, count] : counts) {
    message += separator + std::to_string(count) + " " + reason;
    separator = ", ";
  }
  return Rejection::Conflict("no_eligible_agent", message);
}

Decision<QueueEvent> DecideOffer(const QueueState& s, const OfferTask& c, Timestamp now) {
  if (!s.exists) return QueueNotFound();
  if (IsBlank(c.offer_id)) {
    return Rejection::Invalid("offer_id_required", "offer id is required", "offer_id");
  }
  std::string used_for;
  if (const QueueOffer* open = FindOffer(s, c.offer_id)) used_for = open->task_id;
  if (const ClosedOffer* closed = FindClosedOffer(s, c.offer_id)) used_for = closed->task_id;
  if (!used_for.empty()) {
    if (c.task_id.empty() || c.task_id == used_for) return Events{};
    return Rejection::Conflict("offer_id_in_use",
                               "offer " + c.offer_id + " was made for task " + used_for, used_for);
  }

  const std::vector<RoutingCandidate> candidates = MarkRinging(s, c.candidates);
  auto route = [&](const QueueTask& t) {
    return SelectAgents(s.config, t, now, candidates, s.round_robin_cursor, c.random_value);
  };

  const QueueTask* task = nullptr;
  RoutingChoice choice;
  if (!c.task_id.empty()) {
    task = FindTask(s, c.task_id);
    if (task == nullptr) {
      if (const ClosedTask* closed = FindClosedTask(s, c.task_id)) return TaskClosed(*closed);
      return TaskNotFound(c.task_id);
    }
    if (task->Offered()) {
      return Rejection::Conflict("task_already_offered",
                                 "task " + task->task_id + " is being offered", task->offer_id);
    }
    choice = route(*task);
    if (choice.chosen.empty()) return NoEligibleAgent(*task, choice);
  } else {
    const QueueTask* head = nullptr;
    RoutingChoice head_choice;
    ForEachWaiting(s, [&](const QueueTask& t) {
      RoutingChoice attempt = route(t);
      if (!attempt.chosen.empty()) {
        task = &t;
        choice = std::move(attempt);
        return false;
      }
      if (head == nullptr) {
        head = &t;
        head_choice = std::move(attempt);
      }
      return true;
    });
    if (task == nullptr) {
      if (head == nullptr) return Rejection::Conflict("no_waiting_task", "no task is waiting");
      return NoEligibleAgent(*head, head_choice);
    }
  }

  return Events{OfferEvent(s, c.offer_id, *task, std::move(choice), now)};
}

std::vector<std::string> RingingExcept(const QueueOffer& offer, const std::string& agent_id) {
  std::vector<std::string> others = offer.Ringing();
  others.erase(std::remove(others.begin(), others.end(), agent_id), others.end());
  return others;
}

Decision<QueueEvent> DecideAccept(const QueueState& s, const AcceptOffer& c, Timestamp now) {
  if (!s.exists) return QueueNotFound();
  if (const QueueOffer* offer = FindOffer(s, c.offer_id)) {
    if (!offer->OfferedTo(c.agent_id)) return NotYours(c.offer_id);
    if (!offer->OpenFor(c.agent_id)) {
      return Rejection::Conflict("offer_closed", "you already left offer " + c.offer_id);
    }
    if (now >= offer->deadline) {
      return Rejection::Conflict("offer_expired", "offer " + c.offer_id + " has expired");
    }
    const QueueTask* task = FindTask(s, offer->task_id);
    QueueTask assigned = task != nullptr ? *task : QueueTask{};
    assigned.offer_id.clear();
    return Events{TaskAssigned{c.offer_id, c.agent_id, std::move(assigned),
                               RingingExcept(*offer, c.agent_id), now}};
  }
  if (const ClosedOffer* closed = FindClosedOffer(s, c.offer_id)) {
    const auto& ids = closed->agent_ids;
    if (std::find(ids.begin(), ids.end(), c.agent_id) == ids.end()) return NotYours(c.offer_id);
    switch (closed->outcome) {
      case OfferOutcome::kAccepted:
        if (closed->agent_id == c.agent_id) return Events{};
        return Rejection::Conflict("offer_closed", "offer " + c.offer_id + " was taken",
                                   closed->agent_id);
      case OfferOutcome::kExpired:
        return Rejection::Conflict("offer_expired", "offer " + c.offer_id + " has expired");
      case OfferOutcome::kRejected:
      case OfferOutcome::kWithdrawn:
      case OfferOutcome::kCanceled:
        break;
    }
    return Rejection::Conflict(
        "offer_closed", std::string("offer ") + c.offer_id + " was " + ToString(closed->outcome));
  }
  return OfferNotFound(c.offer_id);
}

Decision<QueueEvent> DecideReject(const QueueState& s, const RejectOffer& c, Timestamp now) {
  if (!s.exists) return QueueNotFound();
  if (const QueueOffer* offer = FindOffer(s, c.offer_id)) {
    if (!offer->OfferedTo(c.agent_id)) return NotYours(c.offer_id);
    if (!offer->OpenFor(c.agent_id) || now >= offer->deadline) return Events{};
    return Events{OfferRejected{c.offer_id, offer->task_id, c.agent_id,
                                c.reason.empty() ? "rejected" : c.reason,
                                RingingExcept(*offer, c.agent_id).empty(), now}};
  }
  if (const ClosedOffer* closed = FindClosedOffer(s, c.offer_id)) {
    const auto& ids = closed->agent_ids;
    if (std::find(ids.begin(), ids.end(), c.agent_id) == ids.end()) return NotYours(c.offer_id);
    if (closed->outcome == OfferOutcome::kAccepted && closed->agent_id == c.agent_id) {
      return Rejection::Conflict("offer_accepted", "you accepted offer " + c.offer_id,
                                 closed->agent_id);
    }
    return Events{};
  }
  return OfferNotFound(c.offer_id);
}

Decision<QueueEvent> DecideWithdraw(const QueueState& s, const WithdrawAgentOffers& c,
                                    Timestamp now) {
  if (!s.exists) return QueueNotFound();
  if (IsBlank(c.agent_id)) {
    return Rejection::Invalid("agent_id_required", "agent id is required", "agent_id");
  }
  Events events;
  for (const QueueOffer& offer : s.offers) {
    if (!offer.OpenFor(c.agent_id)) continue;
    events.push_back(OfferWithdrawn{offer.offer_id, offer.task_id, c.agent_id,
                                    c.reason.empty() ? "agent_unavailable" : c.reason,
                                    RingingExcept(offer, c.agent_id).empty(), now});
  }
  return events;
}

Decision<QueueEvent> DecideCancel(const QueueState& s, const CancelTask& c, Timestamp now) {
  if (!s.exists) return QueueNotFound();
  const QueueTask* task = FindTask(s, c.task_id);
  if (task == nullptr) {
    if (FindClosedTask(s, c.task_id) != nullptr) return Events{};
    return TaskNotFound(c.task_id);
  }
  std::vector<std::string> released;
  if (const QueueOffer* offer = FindOffer(s, task->offer_id)) released = offer->Ringing();
  return Events{TaskCanceled{c.task_id, c.reason.empty() ? "canceled" : c.reason, task->offer_id,
                             std::move(released), now}};
}

Decision<QueueEvent> DecideRequeue(const QueueState& s, const RequeueTask& c, Timestamp now) {
  if (!s.exists) return QueueNotFound();
  if (FindTask(s, c.task_id) != nullptr) return Events{};
  const ClosedTask* closed = FindClosedTask(s, c.task_id);
  if (closed == nullptr) return TaskNotFound(c.task_id);
  if (closed->outcome != TaskOutcome::kAssigned) return TaskClosed(*closed);
  QueueTask task = closed->task;
  task.offer_id.clear();
  return Events{
      TaskRequeued{std::move(task), c.reason.empty() ? "assignment_failed" : c.reason, now}};
}

std::set<std::string> Intersection(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

Decision<QueueEvent> DecideDeadlines(const QueueState& s, Timestamp now) {
  if (!s.exists) return Events{};
  Events events;
  // Offers first, folding each expiry, so a task whose offer just expired is waiting (and
  // may escalate) and an agent's miss count is current.
  std::vector<QueueOffer> due;
  for (const QueueOffer& offer : s.offers) {
    if (offer.deadline <= now) due.push_back(offer);
  }
  std::sort(due.begin(), due.end(), [](const QueueOffer& a, const QueueOffer& b) {
    return std::tie(a.deadline, a.offer_id) < std::tie(b.deadline, b.offer_id);
  });
  QueueState folded = s;
  for (const QueueOffer& offer : due) {
    OfferExpired expired{offer.offer_id, offer.task_id, {}, now};
    for (const std::string& agent : offer.Ringing()) {
      const int misses = ConsecutiveMisses(folded, agent) + 1;
      const int max = s.config.max_no_answer;
      expired.misses.push_back(AgentMiss{agent, misses, max > 0 && misses >= max});
    }
    events.push_back(expired);
    QueueDecider::EvolveInPlace(folded, expired);
  }

  const QueueEscalation& e = s.config.escalation;
  for (const QueueTask& task : WaitingTasks(folded)) {
    if (e.FallsBack() && task.enqueued_at + Seconds(e.fallback_after_seconds) <= now) {
      events.push_back(TaskMovedToFallback{task, e.fallback_queue_id, now});
    } else if (e.Widens() && !task.skills_widened &&
               task.enqueued_at + Seconds(e.widen_after_seconds) <= now) {
      const std::set<std::string>& from = RequiredSkillsOf(s.config, task);
      events.push_back(
          TaskSkillsWidened{task.task_id, from, Intersection(from, e.widen_to_skills), now});
    }
  }
  return events;
}

// --- Evolve helpers ---------------------------------------------------------------------

template <class T, class Id>
void Remember(std::vector<T>* history, T entry, Id id_of) {
  const std::string id = id_of(entry);
  history->erase(std::remove_if(history->begin(), history->end(),
                                [&](const T& old) { return id_of(old) == id; }),
                 history->end());
  history->push_back(std::move(entry));
  if (history->size() > kQueueHistoryLimit) {
    history->erase(history->begin(), history->begin() + static_cast<std::ptrdiff_t>(
                                                            history->size() - kQueueHistoryLimit));
  }
}

const std::string& IdOfOffer(const ClosedOffer& o) { return o.offer_id; }
const std::string& IdOfTask(const ClosedTask& t) { return t.task.task_id; }

QueueTask* MutableTask(QueueState& s, const std::string& task_id) {
  return const_cast<QueueTask*>(FindTask(s, task_id));
}

// Marks the task offered (non-empty offer id) or waiting again.
void SetTaskOffer(QueueState& s, const std::string& task_id, const std::string& offer_id) {
  QueueTask* task = MutableTask(s, task_id);
  if (task == nullptr) return;
  task->offer_id = offer_id;
  if (offer_id.empty()) {
    s.waiting.insert(RoutingKeyOf(*task));
  } else {
    s.waiting.erase(RoutingKeyOf(*task));
  }
}

void StopRinging(QueueState& s, const std::string& offer_id, const std::string& agent_id) {
  const auto it = s.ringing.find(agent_id);
  if (it != s.ringing.end() && it->second == offer_id) s.ringing.erase(it);
}

void OpenOffer(QueueState& s, QueueOffer offer) {
  for (const std::string& agent : offer.agent_ids) s.ringing[agent] = offer.offer_id;
  s.offer_ids.insert(offer.offer_id);
  s.offer_deadlines.insert(offer.deadline);
  SetTaskOffer(s, offer.task_id, offer.offer_id);
  s.offers.push_back(std::move(offer));
}

// Removes the open offer and remembers how it closed; its task (if still here) is waiting.
void CloseOffer(QueueState& s, const std::string& offer_id, OfferOutcome outcome,
                const std::string& agent_id, Timestamp at) {
  if (s.offer_ids.count(offer_id) == 0) return;
  auto it = std::find_if(s.offers.begin(), s.offers.end(),
                         [&](const QueueOffer& o) { return o.offer_id == offer_id; });
  if (it == s.offers.end()) return;
  SetTaskOffer(s, it->task_id, "");
  for (const std::string& agent : it->agent_ids) StopRinging(s, offer_id, agent);
  s.offer_ids.erase(offer_id);
  s.offer_deadlines.erase(s.offer_deadlines.find(it->deadline));
  Remember(&s.recent_offers,
           ClosedOffer{it->offer_id, it->task_id, it->agent_ids, outcome, agent_id, at}, IdOfOffer);
  s.offers.erase(it);
}

// Drops one agent from an open ring_all offer that stays open for the others.
void DropFromOffer(QueueState& s, const std::string& offer_id, const std::string& agent_id) {
  for (QueueOffer& o : s.offers) {
    if (o.offer_id == offer_id) o.dropped.insert(agent_id);
  }
  StopRinging(s, offer_id, agent_id);
}

void RemoveTask(QueueState& s, const std::string& task_id, TaskOutcome outcome,
                const std::string& agent_id, Timestamp at) {
  const QueueTask* task = FindTask(s, task_id);
  if (task == nullptr) return;
  const RoutingKey key = RoutingKeyOf(*task);
  auto it = s.tasks.begin() + (task - s.tasks.data());
  Remember(&s.recent_tasks, ClosedTask{*it, outcome, agent_id, at}, IdOfTask);
  s.tasks.erase(it);
  s.task_keys.erase(task_id);
  s.waiting.erase(key);
}

void InsertTask(QueueState& s, const QueueTask& task) {
  s.recent_tasks.erase(
      std::remove_if(s.recent_tasks.begin(), s.recent_tasks.end(),
                     [&](const ClosedTask& t) { return t.task.task_id == task.task_id; }),
      s.recent_tasks.end());
  const RoutingKey key = RoutingKeyOf(task);
  s.tasks.insert(std::upper_bound(s.tasks.begin(), s.tasks.end(), task, RoutesBefore), task);
  s.task_keys[task.task_id] = key;
  if (!task.Offered()) s.waiting.insert(key);
}

}  // namespace

Decision<QueueEvent> QueueDecider::Decide(const State& s, const Command& command, Timestamp now) {
  return std::visit(Overloaded{
                        [&](const ConfigureQueue& c) { return DecideConfigure(s, c, now); },
                        [&](const EnqueueTask& c) { return DecideEnqueue(s, c, now); },
                        [&](const OfferTask& c) { return DecideOffer(s, c, now); },
                        [&](const AcceptOffer& c) { return DecideAccept(s, c, now); },
                        [&](const RejectOffer& c) { return DecideReject(s, c, now); },
                        [&](const WithdrawAgentOffers& c) { return DecideWithdraw(s, c, now); },
                        [&](const CancelTask& c) { return DecideCancel(s, c, now); },
                        [&](const RequeueTask& c) { return DecideRequeue(s, c, now); },
                        [&](const ExpireQueueDeadlines&) { return DecideDeadlines(s, now); },
                    },
                    command);
}

void QueueDecider::EvolveInPlace(State& s, const Event& event) {
  std::visit(
      Overloaded{
          [&](const QueueConfigured& e) {
            if (!s.exists) s.created_at = e.at;
            s.exists = true;
            s.config = e.config;
          },
          [&](const TaskEnqueued& e) {
            InsertTask(s, e.task);
            s.next_sequence = std::max(s.next_sequence, e.task.sequence + 1);
          },
          [&](const TaskOffered& e) {
            OpenOffer(s, QueueOffer{e.offer_id, e.task_id, e.agent_ids, {}, e.at, e.deadline});
            s.round_robin_cursor = e.round_robin_cursor;
          },
          [&](const TaskAssigned& e) {
            CloseOffer(s, e.offer_id, OfferOutcome::kAccepted, e.agent_id, e.at);
            RemoveTask(s, e.task.task_id, TaskOutcome::kAssigned, e.agent_id, e.at);
            s.consecutive_misses.erase(e.agent_id);
          },
          [&](const OfferRejected& e) {
            s.consecutive_misses.erase(e.agent_id);
            if (e.offer_closed) {
              CloseOffer(s, e.offer_id, OfferOutcome::kRejected, e.agent_id, e.at);
            } else {
              DropFromOffer(s, e.offer_id, e.agent_id);
            }
          },
          [&](const OfferExpired& e) {
            for (const AgentMiss& miss : e.misses) {
              if (miss.max_no_answer_reached) {
                s.consecutive_misses.erase(miss.agent_id);
              } else {
                s.consecutive_misses[miss.agent_id] = miss.consecutive_misses;
              }
            }
            CloseOffer(s, e.offer_id, OfferOutcome::kExpired, "", e.at);
          },
          [&](const OfferWithdrawn& e) {
            if (e.offer_closed) {
              CloseOffer(s, e.offer_id, OfferOutcome::kWithdrawn, e.agent_id, e.at);
            } else {
              DropFromOffer(s, e.offer_id, e.agent_id);
            }
          },
          [&](const TaskCanceled& e) {
            if (!e.offer_id.empty()) CloseOffer(s, e.offer_id, OfferOutcome::kCanceled, "", e.at);
            RemoveTask(s, e.task_id, TaskOutcome::kCanceled, "", e.at);
          },
          [&](const TaskRequeued& e) { InsertTask(s, e.task); },
          [&](const TaskSkillsWidened& e) {
            if (QueueTask* task = MutableTask(s, e.task_id)) {
              task->required_skills = e.to;
              task->skills_widened = true;
            }
          },
          [&](const TaskMovedToFallback& e) {
            RemoveTask(s, e.task.task_id, TaskOutcome::kMoved, "", e.at);
          },
      },
      event);
  std::visit([&](const auto& e) { s.updated_at = e.at; }, event);
}

std::vector<std::string> QueueDecider::AgentsNamedBy(const Event& event) {
  std::vector<std::string> agents;
  std::visit(Overloaded{
                 [&](const TaskOffered& e) { agents = e.agent_ids; },
                 [&](const TaskAssigned& e) {
                   agents = e.released_agent_ids;
                   agents.push_back(e.agent_id);
                 },
                 [&](const OfferRejected& e) { agents.push_back(e.agent_id); },
                 [&](const OfferWithdrawn& e) { agents.push_back(e.agent_id); },
                 [&](const OfferExpired& e) {
                   for (const AgentMiss& m : e.misses) agents.push_back(m.agent_id);
                 },
                 [&](const TaskCanceled& e) { agents = e.released_agent_ids; },
                 [](const auto&) {},
             },
             event);
  return agents;
}

std::optional<Timestamp> QueueDecider::DeadlineOf(const State& s) {
  std::optional<Timestamp> earliest;
  auto consider = [&](Timestamp t) {
    if (!earliest || t < *earliest) earliest = t;
  };
  if (!s.offer_deadlines.empty()) consider(*s.offer_deadlines.begin());
  ForEachWaiting(s, [&](const QueueTask& task) {  // an offered task escalates once back
    if (std::optional<Timestamp> next = NextEscalation(s.config, task)) consider(*next);
    return true;
  });
  return earliest;
}

QueueDecider::Command QueueDecider::ExpiryCommand(Timestamp deadline) {
  return ExpireQueueDeadlines{deadline};
}

}  // namespace sb::domain
