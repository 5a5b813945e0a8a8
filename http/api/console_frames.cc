#include "http/api/console_frames.h"

#include <boost/json.hpp>

#include <variant>

#include "actors/startup_scan.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"
#include "domain/overloaded.h"
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
  auto event = domain::CallDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return {};
  std::optional<CallParties> parties = std::holds_alternative<domain::CallInitiated>(event.value())
                                           ? PartiesOf(e)
                                           : lookup(e.stream);
  if (!parties) return {};
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

}  // namespace

std::optional<CallParties> PartiesOf(const es::RecordedEvent& e) {
  auto event = domain::CallDecider::DecodeEvent(e.type, e.payload);
  if (!event.ok()) return std::nullopt;
  const auto* initiated = std::get_if<domain::CallInitiated>(&event.value());
  if (!initiated) return std::nullopt;
  return CallParties{initiated->agent_id, initiated->lead_id, initiated->channel};
}

std::vector<std::string> FramesFor(const Principal& caller, const es::RecordedEvent& event,
                                   const PartiesLookup& lookup) {
  actors::StreamParts parts;
  if (!actors::SplitStreamName(event.stream, &parts) || parts.tenant != caller.tenant) return {};
  if (parts.kind == domain::CallDecider::kKind) return CallFrames(caller, parts.id, event, lookup);
  if (parts.kind == domain::CustomerDecider::kKind) return CustomerFrames(caller, parts.id, event);
  if (parts.kind == domain::AgentDecider::kKind) return AgentFrames(caller, parts.id, event);
  return {};
}

}  // namespace sb::http::api
