// JSON of queue events and state (conventions in domain/json_fields.h). Config and tasks are
// nested objects with one spelling wherever they appear (events, state, history).
#include <functional>
#include <utility>

#include "domain/json_fields.h"
#include "domain/routing/queue_decider.h"

namespace sb::domain {

using json::Presence;

namespace {

boost::json::array ToArray(const std::vector<std::string>& items) {
  boost::json::array a;
  a.reserve(items.size());
  for (const std::string& item : items) a.emplace_back(item);
  return a;
}

boost::json::object WriteConfig(const QueueConfig& c) {
  boost::json::object o;
  o["name"] = c.name;
  o["required_skills"] = json::ToArray(c.required_skills);
  o["strategy"] = ToString(c.strategy);
  o["priority"] = c.priority;
  o["offer_timeout_seconds"] = c.offer_timeout_seconds;
  o["max_no_answer"] = c.max_no_answer;
  o["wrap_up_seconds"] = c.wrap_up_seconds;
  o["channel"] = ToString(c.channel);
  boost::json::object e;
  e["widen_after_seconds"] = c.escalation.widen_after_seconds;
  e["widen_to_skills"] = json::ToArray(c.escalation.widen_to_skills);
  e["fallback_after_seconds"] = c.escalation.fallback_after_seconds;
  json::PutOptionalString(e, "fallback_queue_id", c.escalation.fallback_queue_id);
  o["escalation"] = std::move(e);
  return o;
}

void ReadConfig(json::Reader& r, QueueConfig* c) {
  r.String("name", &c->name);
  r.StringSet("required_skills", &c->required_skills, Presence::kOptional);
  r.Enum("strategy", &c->strategy, &ParseRoutingStrategy, Presence::kOptional);
  r.Int("priority", &c->priority, Presence::kOptional);
  r.Int("offer_timeout_seconds", &c->offer_timeout_seconds, Presence::kOptional);
  r.Int("max_no_answer", &c->max_no_answer, Presence::kOptional);
  r.Int("wrap_up_seconds", &c->wrap_up_seconds, Presence::kOptional);
  r.Enum("channel", &c->channel, &ParseQueueChannel, Presence::kOptional);
  r.Object(
      "escalation",
      [c](json::Reader& e) {
        QueueEscalation& x = c->escalation;
        e.Int("widen_after_seconds", &x.widen_after_seconds, Presence::kOptional);
        e.StringSet("widen_to_skills", &x.widen_to_skills, Presence::kOptional);
        e.Int("fallback_after_seconds", &x.fallback_after_seconds, Presence::kOptional);
        e.String("fallback_queue_id", &x.fallback_queue_id, Presence::kOptional);
      },
      Presence::kOptional);
}

boost::json::object WriteTask(const QueueTask& t) {
  boost::json::object o;
  o["task_id"] = t.task_id;
  o["kind"] = ToString(t.kind);
  json::PutOptionalString(o, "call_id", t.call_id);
  json::PutOptionalString(o, "caller_number", t.caller_number);
  json::PutOptionalString(o, "customer_name", t.customer_name);
  json::PutOptionalString(o, "customer_email", t.customer_email);
  o["priority"] = t.priority;
  if (t.required_skills) {
    o["required_skills"] = json::ToArray(*t.required_skills);
  } else {
    o["required_skills"] = nullptr;  // the queue's
  }
  o["skills_widened"] = t.skills_widened;
  json::PutTime(o, "waiting_since", t.waiting_since);
  json::PutTime(o, "enqueued_at", t.enqueued_at);
  o["sequence"] = t.sequence;
  json::PutOptionalString(o, "offer_id", t.offer_id);
  return o;
}

void ReadTask(json::Reader& r, QueueTask* t) {
  r.String("task_id", &t->task_id);
  r.Enum("kind", &t->kind, &ParseTaskKind);
  r.String("call_id", &t->call_id, Presence::kOptional);
  r.String("caller_number", &t->caller_number, Presence::kOptional);
  r.String("customer_name", &t->customer_name, Presence::kOptional);
  r.String("customer_email", &t->customer_email, Presence::kOptional);
  r.Int("priority", &t->priority, Presence::kOptional);
  r.StringSet("required_skills", &t->required_skills);
  r.Bool("skills_widened", &t->skills_widened, Presence::kOptional);
  r.Time("waiting_since", &t->waiting_since);
  r.Time("enqueued_at", &t->enqueued_at);
  r.Int("sequence", &t->sequence);
  r.String("offer_id", &t->offer_id, Presence::kOptional);
}

void ReadNestedTask(json::Reader& r, QueueTask* t) {
  r.Object("task", [t](json::Reader& inner) { ReadTask(inner, t); });
}

boost::json::array WriteSkipped(const std::vector<SkippedAgent>& skipped) {
  boost::json::array a;
  for (const SkippedAgent& s : skipped) {
    a.push_back(boost::json::object{{"agent_id", s.agent_id}, {"reason", ToString(s.reason)}});
  }
  return a;
}

void ReadSkipped(json::Reader& r, std::vector<SkippedAgent>* out) {
  r.Objects("skipped", [out](json::Reader& item) {
    SkippedAgent s;
    item.String("agent_id", &s.agent_id);
    item.Enum("reason", &s.reason, &ParseSkipReason);
    out->push_back(std::move(s));
  });
}

boost::json::object WriteOffer(const QueueOffer& offer) {
  boost::json::object o;
  o["offer_id"] = offer.offer_id;
  o["task_id"] = offer.task_id;
  o["agent_ids"] = ToArray(offer.agent_ids);
  o["dropped"] = json::ToArray(offer.dropped);
  o["ringing"] = ToArray(offer.Ringing());  // derived
  json::PutTime(o, "offered_at", offer.offered_at);
  json::PutTime(o, "deadline", offer.deadline);
  return o;
}

void ReadOffer(json::Reader& r, QueueOffer* offer) {
  r.String("offer_id", &offer->offer_id);
  r.String("task_id", &offer->task_id);
  r.StringList("agent_ids", &offer->agent_ids);
  r.StringSet("dropped", &offer->dropped, Presence::kOptional);
  r.Time("offered_at", &offer->offered_at);
  r.Time("deadline", &offer->deadline);
}

boost::json::object WriteClosedOffer(const ClosedOffer& c) {
  boost::json::object o;
  o["offer_id"] = c.offer_id;
  o["task_id"] = c.task_id;
  o["agent_ids"] = ToArray(c.agent_ids);
  o["outcome"] = ToString(c.outcome);
  json::PutOptionalString(o, "agent_id", c.agent_id);
  json::PutTime(o, "closed_at", c.closed_at);
  return o;
}

void ReadClosedOffer(json::Reader& r, ClosedOffer* c) {
  r.String("offer_id", &c->offer_id);
  r.String("task_id", &c->task_id);
  r.StringList("agent_ids", &c->agent_ids);
  r.Enum("outcome", &c->outcome, &ParseOfferOutcome);
  r.String("agent_id", &c->agent_id, Presence::kOptional);
  r.Time("closed_at", &c->closed_at);
}

boost::json::object WriteClosedTask(const ClosedTask& c) {
  boost::json::object o;
  o["task"] = WriteTask(c.task);
  o["outcome"] = ToString(c.outcome);
  json::PutOptionalString(o, "agent_id", c.agent_id);
  json::PutTime(o, "closed_at", c.closed_at);
  return o;
}

void ReadClosedTask(json::Reader& r, ClosedTask* c) {
  ReadNestedTask(r, &c->task);
  r.Enum("outcome", &c->outcome, &ParseTaskOutcome);
  r.String("agent_id", &c->agent_id, Presence::kOptional);
  r.Time("closed_at", &c->closed_at);
}

}  // namespace

// Read/Write overloads are found by argument-dependent lookup from json_fields.h, hence
// namespace sb::domain rather than an unnamed namespace.

void Write(const QueueConfigured& e, boost::json::object* o) {
  (*o)["config"] = WriteConfig(e.config);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, QueueConfigured* e) {
  r.Object("config", [e](json::Reader& c) { ReadConfig(c, &e->config); });
  r.Time("at", &e->at);
}

void Write(const TaskEnqueued& e, boost::json::object* o) {
  (*o)["task"] = WriteTask(e.task);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskEnqueued* e) {
  ReadNestedTask(r, &e->task);
  r.Time("at", &e->at);
}

void Write(const TaskOffered& e, boost::json::object* o) {
  (*o)["offer_id"] = e.offer_id;
  (*o)["task_id"] = e.task_id;
  (*o)["agent_ids"] = ToArray(e.agent_ids);
  json::PutTime(*o, "deadline", e.deadline);
  (*o)["strategy"] = ToString(e.strategy);
  (*o)["eligible"] = ToArray(e.eligible);
  (*o)["skipped"] = WriteSkipped(e.skipped);
  json::PutOptionalString(*o, "round_robin_cursor", e.round_robin_cursor);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskOffered* e) {
  r.String("offer_id", &e->offer_id);
  r.String("task_id", &e->task_id);
  r.StringList("agent_ids", &e->agent_ids);
  r.Time("deadline", &e->deadline);
  r.Enum("strategy", &e->strategy, &ParseRoutingStrategy);
  r.StringList("eligible", &e->eligible, Presence::kOptional);
  ReadSkipped(r, &e->skipped);
  r.String("round_robin_cursor", &e->round_robin_cursor, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const TaskAssigned& e, boost::json::object* o) {
  (*o)["offer_id"] = e.offer_id;
  (*o)["agent_id"] = e.agent_id;
  (*o)["task"] = WriteTask(e.task);
  (*o)["released_agent_ids"] = ToArray(e.released_agent_ids);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskAssigned* e) {
  r.String("offer_id", &e->offer_id);
  r.String("agent_id", &e->agent_id);
  ReadNestedTask(r, &e->task);
  r.StringList("released_agent_ids", &e->released_agent_ids, Presence::kOptional);
  r.Time("at", &e->at);
}

namespace {

// OfferRejected and OfferWithdrawn: one agent dropped from an offer, with the same fields.
template <class E>
void WriteAgentDropped(const E& e, boost::json::object* o) {
  (*o)["offer_id"] = e.offer_id;
  (*o)["task_id"] = e.task_id;
  (*o)["agent_id"] = e.agent_id;
  (*o)["reason"] = e.reason;
  (*o)["offer_closed"] = e.offer_closed;
  json::PutTime(*o, "at", e.at);
}

template <class E>
void ReadAgentDropped(json::Reader& r, E* e) {
  r.String("offer_id", &e->offer_id);
  r.String("task_id", &e->task_id);
  r.String("agent_id", &e->agent_id);
  r.String("reason", &e->reason, Presence::kOptional);
  r.Bool("offer_closed", &e->offer_closed);
  r.Time("at", &e->at);
}

}  // namespace

void Write(const OfferRejected& e, boost::json::object* o) { WriteAgentDropped(e, o); }
void Read(json::Reader& r, OfferRejected* e) { ReadAgentDropped(r, e); }

void Write(const OfferExpired& e, boost::json::object* o) {
  (*o)["offer_id"] = e.offer_id;
  (*o)["task_id"] = e.task_id;
  boost::json::array misses;
  for (const AgentMiss& m : e.misses) {
    misses.push_back(boost::json::object{{"agent_id", m.agent_id},
                                         {"consecutive_misses", m.consecutive_misses},
                                         {"max_no_answer_reached", m.max_no_answer_reached}});
  }
  (*o)["misses"] = std::move(misses);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, OfferExpired* e) {
  r.String("offer_id", &e->offer_id);
  r.String("task_id", &e->task_id);
  r.Objects("misses", [e](json::Reader& item) {
    AgentMiss m;
    item.String("agent_id", &m.agent_id);
    item.Int("consecutive_misses", &m.consecutive_misses);
    item.Bool("max_no_answer_reached", &m.max_no_answer_reached);
    e->misses.push_back(std::move(m));
  });
  r.Time("at", &e->at);
}

void Write(const OfferWithdrawn& e, boost::json::object* o) { WriteAgentDropped(e, o); }
void Read(json::Reader& r, OfferWithdrawn* e) { ReadAgentDropped(r, e); }

void Write(const TaskCanceled& e, boost::json::object* o) {
  (*o)["task_id"] = e.task_id;
  (*o)["reason"] = e.reason;
  json::PutOptionalString(*o, "offer_id", e.offer_id);
  (*o)["released_agent_ids"] = ToArray(e.released_agent_ids);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskCanceled* e) {
  r.String("task_id", &e->task_id);
  r.String("reason", &e->reason, Presence::kOptional);
  r.String("offer_id", &e->offer_id, Presence::kOptional);
  r.StringList("released_agent_ids", &e->released_agent_ids, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const TaskRequeued& e, boost::json::object* o) {
  (*o)["task"] = WriteTask(e.task);
  (*o)["reason"] = e.reason;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskRequeued* e) {
  ReadNestedTask(r, &e->task);
  r.String("reason", &e->reason, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const TaskSkillsWidened& e, boost::json::object* o) {
  (*o)["task_id"] = e.task_id;
  (*o)["from"] = json::ToArray(e.from);
  (*o)["to"] = json::ToArray(e.to);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskSkillsWidened* e) {
  r.String("task_id", &e->task_id);
  r.StringSet("from", &e->from);
  r.StringSet("to", &e->to);
  r.Time("at", &e->at);
}

void Write(const TaskMovedToFallback& e, boost::json::object* o) {
  (*o)["task"] = WriteTask(e.task);
  (*o)["fallback_queue_id"] = e.fallback_queue_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, TaskMovedToFallback* e) {
  ReadNestedTask(r, &e->task);
  r.String("fallback_queue_id", &e->fallback_queue_id);
  r.Time("at", &e->at);
}

std::string QueueDecider::TypeOf(const Event& event) { return json::TypeOf(event); }

std::string QueueDecider::EncodeEvent(const Event& event) { return json::EncodeEvent(event); }

Result<QueueEvent> QueueDecider::DecodeEvent(const std::string& type,
                                             const std::string& payload_json) {
  return json::DecodeEvent<QueueEvent>(type, payload_json);
}

std::string QueueDecider::EncodeState(const State& s) {
  boost::json::object o;
  o["exists"] = s.exists;
  o["config"] = WriteConfig(s.config);
  boost::json::array tasks;
  for (const QueueTask& t : s.tasks) tasks.push_back(WriteTask(t));
  o["tasks"] = std::move(tasks);
  o["waiting_count"] = static_cast<int64_t>(s.waiting.size());  // derived
  boost::json::array offers;
  for (const QueueOffer& offer : s.offers) offers.push_back(WriteOffer(offer));
  o["offers"] = std::move(offers);
  o["consecutive_misses"] = json::ToObject(s.consecutive_misses);
  json::PutOptionalString(o, "round_robin_cursor", s.round_robin_cursor);
  o["next_sequence"] = s.next_sequence;
  boost::json::array recent_offers;
  for (const ClosedOffer& c : s.recent_offers) recent_offers.push_back(WriteClosedOffer(c));
  o["recent_offers"] = std::move(recent_offers);
  boost::json::array recent_tasks;
  for (const ClosedTask& c : s.recent_tasks) recent_tasks.push_back(WriteClosedTask(c));
  o["recent_tasks"] = std::move(recent_tasks);
  json::PutTime(o, "created_at", s.created_at);
  json::PutTime(o, "updated_at", s.updated_at);
  return boost::json::serialize(o);
}

Result<QueueState> QueueDecider::DecodeState(const std::string& text) {
  json::ParsedObject o;
  if (Status parsed = o.Parse(text); !parsed.ok()) return parsed;
  QueueState s;
  json::Reader r(o.object());
  r.Bool("exists", &s.exists);
  r.Object("config", [&s](json::Reader& c) { ReadConfig(c, &s.config); });
  r.Objects("tasks", [&s](json::Reader& item) {
    QueueTask t;
    ReadTask(item, &t);
    s.tasks.push_back(std::move(t));
  });
  r.Objects("offers", [&s](json::Reader& item) {
    QueueOffer offer;
    ReadOffer(item, &offer);
    s.offers.push_back(std::move(offer));
  });
  r.IntMap("consecutive_misses", &s.consecutive_misses, Presence::kOptional);
  r.String("round_robin_cursor", &s.round_robin_cursor, Presence::kOptional);
  r.Int("next_sequence", &s.next_sequence, Presence::kOptional);
  r.Objects("recent_offers", [&s](json::Reader& item) {
    ClosedOffer c;
    ReadClosedOffer(item, &c);
    s.recent_offers.push_back(std::move(c));
  });
  r.Objects("recent_tasks", [&s](json::Reader& item) {
    ClosedTask c;
    ReadClosedTask(item, &c);
    s.recent_tasks.push_back(std::move(c));
  });
  r.Time("created_at", &s.created_at);
  r.Time("updated_at", &s.updated_at);
  if (!r.ok()) return Status::Corruption("queue state: " + r.status().message());
  Reindex(&s);
  return s;
}

}  // namespace sb::domain
