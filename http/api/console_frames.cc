#include "http/api/console_frames.h"

#include <boost/json.hpp>

#include <algorithm>
#include <variant>

#include "actors/startup_scan.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"
#include "domain/overloaded.h"
#include "domain/routing/queue_decider.h"
#include "http/api/guard.h"

namespace sb::http::api {
namespace {

using boost::json::object;

std::string Frame(const es::RecordedEvent& e, const char* type, object data) {
  object frame;
  frame["position"] = e.position;
  frame["type"] = type;
  frame["data"] = std::move(data);
  return boost::json::serialize(frame);
}

object AgentCard(const std::string& id, const std::string& name, const std::string& avatar) {
  return object{{"id", id}, {"name", name}, {"avatar_url", avatar}};
}

std::vector<std::string> CustomerFrames(const Principal& caller, const std::string& customer_id,
                                        const es::RecordedEvent& e) {
  const bool own = caller.role == Role::kCustomer && caller.subject == customer_id;
  auto event = domain::CustomerDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return {};
  std::vector<std::string> out;
  std::visit(domain::Overloaded{
                 [&](const domain::ProfileOpened& p) {
                   if (!own && !IsStaff(caller)) return;
                   out.push_back(Frame(
                       e, "profile-viewed",
                       object{{"customer_id", customer_id},
                              {"viewers", p.viewers},
                              {"agent", AgentCard(p.agent_id, p.agent_name, p.agent_avatar_url)},
                              {"at", domain::FormatTimestamp(p.at)}}));
                 },
                 [&](const domain::ProfileClosed& p) {
                   if (!own && !IsStaff(caller)) return;
                   out.push_back(Frame(e, "profile-closed",
                                       object{{"customer_id", customer_id},
                                              {"viewers", p.viewers},
                                              {"agent_id", p.agent_id},
                                              {"at", domain::FormatTimestamp(p.at)}}));
                 },
                 [&](const domain::CustomerConnected& c) {
                   if (caller.role == Role::kCustomer) return;
                   out.push_back(Frame(e, "customer-presence-changed",
                                       object{{"customer_id", customer_id},
                                              {"online", true},
                                              {"at", domain::FormatTimestamp(c.at)}}));
                 },
                 [&](const domain::CustomerWentOffline& c) {
                   if (caller.role == Role::kCustomer) return;
                   out.push_back(Frame(e, "customer-presence-changed",
                                       object{{"customer_id", customer_id},
                                              {"online", false},
                                              {"reason", c.reason},
                                              {"at", domain::FormatTimestamp(c.at)}}));
                 },
                 [](const auto&) {},
             },
             event.value());
  return out;
}

std::vector<std::string> AgentFrames(const Principal& caller, const std::string& agent_id,
                                     const es::RecordedEvent& e) {
  if (!ActsAsAgent(caller, agent_id) || e.type != domain::AgentStatusChanged::kType) return {};
  auto event = domain::AgentDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return {};
  const auto& c = std::get<domain::AgentStatusChanged>(event.value());
  return {Frame(e, "agent-status-changed",
                object{{"agent_id", agent_id},
                       {"from", domain::ToString(c.from)},
                       {"to", domain::ToString(c.to)},
                       {"reason", c.reason},
                       {"at", domain::FormatTimestamp(c.at)}})};
}

// False only if `payload` (an event's JSON) cannot name `id`: lets a feed skip decoding the
// events of other people's calls and offers. An id JSON would escape is never ruled out.
bool MayName(const std::string& payload, const std::string& id) {
  const bool plain = std::all_of(id.begin(), id.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
  });
  return !plain || payload.find(id) != std::string::npos;
}

// Could this queue event be about `agent_id`'s offers? An offer also lists the dozens of agents
// it ranked or skipped; only its agent_ids (entity ids: never a ']' or a quote) count.
bool MayConcernAgent(const es::RecordedEvent& e, const std::string& agent_id) {
  if (e.type != domain::TaskOffered::kType) return MayName(e.payload, agent_id);
  const std::string_view payload = e.payload;
  const size_t begin = payload.find("\"agent_ids\":[");
  const size_t end = begin == std::string_view::npos ? begin : payload.find(']', begin);
  if (end == std::string_view::npos) return MayName(e.payload, agent_id);
  return payload.substr(begin, end - begin).find(agent_id) != std::string_view::npos;
}

CallParties PartiesOfInitiated(const domain::CallInitiated& c) {
  return CallParties{c.agent_id, c.lead_id, c.channel};
}

object StatusData(const std::string& call_id, const CallParties& parties, const char* status,
                  domain::Timestamp at) {
  return object{{"call_id", call_id},
                {"status", status},
                {"channel", domain::ToString(parties.channel)},
                {"agent_id", parties.agent_id},
                {"lead_id", parties.lead_id},
                {"at", domain::FormatTimestamp(at)}};
}

std::vector<std::string> CallFrames(const Principal& caller, const std::string& call_id,
                                    const es::RecordedEvent& e, const PartiesLookup& lookup) {
  const bool initiated = e.type == domain::CallInitiated::kType;
  std::optional<CallParties> parties;
  if (!initiated) {
    parties = lookup(e.stream);
    if (!parties) return {};
  }
  if (!IsStaff(caller)) {
    // Most sessions are agents' and customers', and most calls are not theirs: rule that out
    // before decoding. Only these two events name a party the lookup may not know yet.
    const bool theirs =
        parties && (parties->agent_id == caller.subject || parties->lead_id == caller.subject);
    const bool may_name = (initiated || e.type == domain::CallAgentAssigned::kType) &&
                          MayName(e.payload, caller.subject);
    if (!theirs && !may_name) return {};
  }
  auto event = domain::CallDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return {};
  if (const auto* c = std::get_if<domain::CallInitiated>(&event.value())) {
    parties = PartiesOfInitiated(*c);
  }
  if (!parties) return {};
  if (const auto* assigned = std::get_if<domain::CallAgentAssigned>(&event.value())) {
    parties->agent_id = assigned->agent_id;  // the lookup may predate this very event
  }
  const bool staff = IsStaff(caller);
  const bool agent = caller.role == Role::kAgent && caller.subject == parties->agent_id;
  const bool customer = caller.role == Role::kCustomer && caller.subject == parties->lead_id;
  if (!staff && !agent && !customer) return {};

  std::vector<std::string> out;
  std::visit(domain::Overloaded{
                 [&](const domain::CallInitiated& c) {
                   auto data = StatusData(call_id, *parties, "INITIATED", c.at);
                   data["mode"] = domain::ToString(c.mode);
                   data["to_phone"] = c.to_phone;
                   data["deadline"] = domain::FormatTimestamp(c.deadline);
                   if (staff) out.push_back(Frame(e, "new-call", data));
                   if (agent) out.push_back(Frame(e, "call-assigned", data));
                   if (customer && c.channel == domain::CallChannel::kInApp) {
                     out.push_back(Frame(
                         e, "call-request",
                         object{{"call_id", call_id},
                                {"agent", AgentCard(c.agent_id, c.agent_name, c.agent_avatar_url)},
                                {"deadline", domain::FormatTimestamp(c.deadline)},
                                {"at", domain::FormatTimestamp(c.at)}}));
                   }
                 },
                 [&](const domain::CallRinging& c) {
                   out.push_back(Frame(e, "call-status-updated",
                                       StatusData(call_id, *parties, "RINGING", c.at)));
                 },
                 [&](const domain::CallConnected& c) {
                   auto data = StatusData(call_id, *parties, "CONNECTED", c.at);
                   data["answered_by"] = c.answered_by;
                   out.push_back(Frame(e, "call-status-updated", std::move(data)));
                 },
                 [&](const domain::CallEnded& c) {
                   auto data = StatusData(call_id, *parties, domain::ToString(c.status), c.at);
                   data["reason"] = c.reason;
                   out.push_back(Frame(e, "call-status-updated", std::move(data)));
                 },
                 [&](const domain::CallOutcomeRecorded& c) {
                   if (customer && !staff && !agent) return;  // outcomes are the agent's notes
                   out.push_back(Frame(e, "call-outcome-recorded",
                                       object{{"call_id", call_id},
                                              {"outcome", domain::ToString(c.outcome)},
                                              {"notes", c.notes},
                                              {"at", domain::FormatTimestamp(c.at)}}));
                 },
                 [&](const domain::CallAgentAssigned& c) {
                   auto data = StatusData(call_id, *parties, "ASSIGNED", c.at);
                   data["agent_name"] = c.agent_name;
                   if (staff || agent) out.push_back(Frame(e, "call-assigned", std::move(data)));
                 },
                 [&](const domain::CallDialAttempted& c) {
                   if (customer && !staff && !agent) return;  // the provider side is ours
                   const domain::DialAttempt& a = c.attempt;
                   out.push_back(Frame(e, "call-dial-attempt",
                                       object{{"call_id", call_id},
                                              {"number", a.number},
                                              {"provider_id", a.provider_id},
                                              {"provider_name", a.provider_name},
                                              {"outcome", a.outcome},
                                              {"error", a.error},
                                              {"at", domain::FormatTimestamp(c.at)}}));
                 },
             },
             event.value());
  return out;
}

// Routing: agents see the offers made to them and their closing; staff see the queue move.
std::vector<std::string> QueueFrames(const Principal& caller, const std::string& queue_id,
                                     const es::RecordedEvent& e) {
  const bool staff = IsStaff(caller);
  const bool is_agent = caller.role == Role::kAgent;
  // An agent's frames are about offers naming them; the rest need not be decoded.
  if (!staff && (!is_agent || !MayConcernAgent(e, caller.subject))) return {};
  auto event = domain::QueueDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return {};
  auto names_me = [&](const std::vector<std::string>& agents) {
    return is_agent && std::find(agents.begin(), agents.end(), caller.subject) != agents.end();
  };
  std::vector<std::string> out;
  auto closed = [&](const std::string& offer_id, const std::string& task_id,
                    const std::vector<std::string>& agents, const std::string& reason) {
    if (!staff && !names_me(agents)) return;
    out.push_back(Frame(e, "offer-closed",
                        object{{"offer_id", offer_id},
                               {"queue_id", queue_id},
                               {"task_id", task_id},
                               {"reason", reason},
                               {"at", domain::FormatTimestamp(e.timestamp_us)}}));
  };
  std::visit(domain::Overloaded{
                 [&](const domain::TaskEnqueued& q) {
                   if (!staff) return;
                   const auto& t = q.task;
                   object data{{"queue_id", queue_id},
                               {"task_id", t.task_id},
                               {"kind", domain::ToString(t.kind)},
                               {"call_id", t.call_id},
                               {"caller_number", t.caller_number},
                               {"customer_name", t.customer_name},
                               {"customer_email", t.customer_email},
                               {"priority", t.priority},
                               {"status", "pending"},
                               {"at", domain::FormatTimestamp(q.at)}};
                   const bool callback = t.kind == domain::TaskKind::kCallback;
                   out.push_back(Frame(e, callback ? "new-support-request" : "call-queued", data));
                 },
                 [&](const domain::TaskOffered& o) {
                   object data{{"offer_id", o.offer_id},
                               {"queue_id", queue_id},
                               {"task_id", o.task_id},
                               {"deadline", domain::FormatTimestamp(o.deadline)},
                               {"at", domain::FormatTimestamp(o.at)}};
                   if (names_me(o.agent_ids)) out.push_back(Frame(e, "call-offer", data));
                   if (staff) {
                     boost::json::array agents;
                     for (const auto& a : o.agent_ids) agents.push_back(boost::json::string(a));
                     data["agent_ids"] = std::move(agents);
                     data["eligible"] = o.eligible.size();
                     data["skipped"] = o.skipped.size();
                     out.push_back(Frame(e, "task-offered", std::move(data)));
                   }
                 },
                 [&](const domain::TaskAssigned& a) {
                   closed(a.offer_id, a.task.task_id, a.released_agent_ids,
                          "taken_by_another_agent");
                   if (!staff) return;
                   out.push_back(Frame(e, "task-assigned",
                                       object{{"offer_id", a.offer_id},
                                              {"queue_id", queue_id},
                                              {"task_id", a.task.task_id},
                                              {"call_id", a.task.call_id},
                                              {"agent_id", a.agent_id},
                                              {"at", domain::FormatTimestamp(a.at)}}));
                 },
                 [&](const domain::OfferRejected& r) {
                   closed(r.offer_id, r.task_id, {r.agent_id}, "rejected");
                 },
                 [&](const domain::OfferWithdrawn& w) {
                   closed(w.offer_id, w.task_id, {w.agent_id}, w.reason);
                 },
                 [&](const domain::OfferExpired& x) {
                   std::vector<std::string> agents;
                   for (const auto& m : x.misses) agents.push_back(m.agent_id);
                   closed(x.offer_id, x.task_id, agents, "expired");
                 },
                 [&](const domain::TaskCanceled& c) {
                   if (!c.offer_id.empty()) {
                     closed(c.offer_id, c.task_id, c.released_agent_ids, "task_canceled");
                   }
                 },
                 [](const auto&) {},
             },
             event.value());
  return out;
}

}  // namespace

std::optional<CallParties> PartiesOf(const es::RecordedEvent& e) {
  auto event = domain::CallDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return std::nullopt;
  const auto* initiated = std::get_if<domain::CallInitiated>(&event.value());
  if (!initiated) return std::nullopt;
  return PartiesOfInitiated(*initiated);
}

void ApplyAssignment(const es::RecordedEvent& e, CallParties* parties) {
  if (e.type != domain::CallAgentAssigned::kType) return;
  auto event = domain::CallDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return;
  if (const auto* assigned = std::get_if<domain::CallAgentAssigned>(&event.value())) {
    parties->agent_id = assigned->agent_id;
  }
}

namespace {

// The agents a queue event's frames can name (QueueFrames' names_me and closed).
std::vector<std::string> AgentsNamedBy(const es::RecordedEvent& e) {
  auto event = domain::QueueDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return {};
  std::vector<std::string> agents;
  std::visit(domain::Overloaded{
                 [&](const domain::TaskOffered& o) { agents = o.agent_ids; },
                 [&](const domain::TaskAssigned& a) { agents = a.released_agent_ids; },
                 [&](const domain::OfferRejected& r) { agents = {r.agent_id}; },
                 [&](const domain::OfferWithdrawn& w) { agents = {w.agent_id}; },
                 [&](const domain::OfferExpired& x) {
                   for (const auto& m : x.misses) agents.push_back(m.agent_id);
                 },
                 [&](const domain::TaskCanceled& c) { agents = c.released_agent_ids; },
                 [](const auto&) {},
             },
             event.value());
  return agents;
}

}  // namespace

Audience AudienceOf(const es::RecordedEvent& event, const PartiesLookup& lookup) {
  Audience audience;
  actors::StreamParts parts;
  if (!actors::SplitStreamName(event.stream, &parts)) return audience;
  if (parts.kind == domain::CallDecider::kKind) {
    auto parties =
        event.type == domain::CallInitiated::kType ? PartiesOf(event) : lookup(event.stream);
    if (!parties) return audience;
    ApplyAssignment(event, &*parties);
    audience.agents = {parties->agent_id};
    audience.customers = {parties->lead_id};
  } else if (parts.kind == domain::CustomerDecider::kKind) {
    audience.every_agent = true;  // presence, which no agent's frame of it depends on
    audience.customers = {parts.id};
  } else if (parts.kind == domain::AgentDecider::kKind) {
    audience.agents = {parts.id};
  } else if (parts.kind == domain::QueueDecider::kKind) {
    audience.agents = AgentsNamedBy(event);
  }
  return audience;
}

std::vector<std::string> FramesFor(const Principal& caller, const es::RecordedEvent& event,
                                   const PartiesLookup& lookup) {
  actors::StreamParts parts;
  if (!actors::SplitStreamName(event.stream, &parts) || parts.tenant != caller.tenant) return {};
  if (parts.kind == domain::CallDecider::kKind) return CallFrames(caller, parts.id, event, lookup);
  if (parts.kind == domain::CustomerDecider::kKind) return CustomerFrames(caller, parts.id, event);
  if (parts.kind == domain::AgentDecider::kKind) return AgentFrames(caller, parts.id, event);
  if (parts.kind == domain::QueueDecider::kKind) return QueueFrames(caller, parts.id, event);
  return {};
}

}  // namespace sb::http::api
