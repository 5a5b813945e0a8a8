// Agent rules (decisions taken where issue 3 and the seeds leave room; TaskRouter's
// activities and Asterisk queue-member semantics were the reference):
//
// - Existence: RegisterAgent creates the agent and is an upsert (PUT /agents/{id}): on an
//   existing agent it emits AgentProfileUpdated, or nothing if the profile is identical. Every
//   other command on an agent never registered is kNotFound "agent_not_found".
// - Profile: name required ("name_required"); email optional but plausible ("invalid_email");
//   skill names non-empty and levels in [1, 10] ("invalid_skill", "invalid_skill_level");
//   max_concurrent_chats >= 1 ("invalid_max_chats"). Lowering capacity below the current load
//   is allowed: existing chats drain, no new ones are reserved.
// - Status: a new agent is offline. Only online takes routed work (CanTakeWork). Offline and
//   break block outbound calls; away and wrap_up allow them (see agent_status.h). Every status
//   change, by hand or by the call saga, is one AgentStatusChanged{from, to, reason}.
// - ChangeAgentStatus may select offline/online/away/break. on_call and wrap_up are
//   system-managed: asking for them is kInvalid "status_not_settable". While the agent holds a
//   call, any change is kConflict "agent_busy" (holder = the call): the call must end first.
//   Asking for the current status is a no-op (no events). From wrap_up any selectable status
//   is allowed: that is how an agent finishes wrap-up early. Going offline with open chats is
//   allowed; chat routing reassigns them.
// - ReserveAgentForCall: same call again is a no-op (retry); another call held is kConflict
//   "agent_busy" with holder; a status that blocks outbound calls is kConflict
//   "agent_unavailable". Otherwise AgentCallReserved + AgentStatusChanged(-> on_call). The
//   status to return to after the call is the current one, except from wrap_up, where the
//   return status of the previous call is kept (so it is always online or away).
// - ReleaseAgentCall: releasing a call that is not the active one is a no-op (late or
//   duplicate saga message). With wrap_up_seconds > 0 (at most one day) the agent enters
//   wrap_up with a deadline now + wrap_up_seconds; with 0 it goes straight back to the return
//   status. The seed-002 outcome is recorded on the call; wrap-up is only the agent's time
//   to do it.
// - ExpireAgentWrapUp{deadline}: returns to the return status if the agent is still in
//   wrap_up with exactly that deadline; otherwise the timer is stale (no events).
// - Chats: ReserveAgentChat needs an online agent ("agent_unavailable") with spare capacity
//   ("agent_at_capacity"); reserving a chat already held or releasing one not held is a no-op.
// - RecordAgentActivity is audit only (seed 001 body): it never changes the status, which
//   has one authority (the commands above); it updates last_activity_*. activity_type is
//   required ("activity_type_required"), duration_seconds >= 0 ("invalid_duration").
#include "domain/agent_decider.h"

#include <utility>
#include <vector>

#include "domain/ascii.h"
#include "domain/email.h"
#include "domain/overloaded.h"

namespace sb::domain {
namespace {

using Events = std::vector<AgentEvent>;

constexpr int64_t kMaxWrapUpSeconds = 24 * 60 * 60;

Rejection NotRegistered() {
  return Rejection::NotFound("agent_not_found", "agent is not registered");
}

Rejection Busy(const AgentState& state) {
  return Rejection::Conflict("agent_busy", "agent is on call " + state.active_call_id,
                             state.active_call_id);
}

std::optional<Rejection> ValidateProfile(const AgentProfile& p) {
  if (IsBlank(p.name)) {
    return Rejection::Invalid("name_required", "agent name is required", "name");
  }
  if (!p.email.empty() && !IsPlausibleEmail(p.email)) {
    return Rejection::Invalid("invalid_email", "not an e-mail address: " + p.email, "email");
  }
  for (const auto& [skill, level] : p.skills) {
    if (skill.empty()) return Rejection::Invalid("invalid_skill", "empty skill name", "skills");
    if (level < kMinSkillLevel || level > kMaxSkillLevel) {
      return Rejection::Invalid("invalid_skill_level",
                                "skill " + skill + " has level " + std::to_string(level) +
                                    ", expected " + std::to_string(kMinSkillLevel) + ".." +
                                    std::to_string(kMaxSkillLevel),
                                "skills");
    }
  }
  if (p.max_concurrent_chats < 1) {
    return Rejection::Invalid("invalid_max_chats", "max_concurrent_chats must be at least 1",
                              "max_concurrent_chats");
  }
  return std::nullopt;
}

Decision<AgentEvent> DecideProfile(const AgentState& s, const AgentProfile& profile, bool create,
                                   Timestamp now) {
  if (!s.exists && !create) return NotRegistered();
  if (auto rejection = ValidateProfile(profile)) return *rejection;
  if (!s.exists) return Events{AgentRegistered{profile, now}};
  if (s.profile == profile) return Events{};
  return Events{AgentProfileUpdated{profile, now}};
}

Decision<AgentEvent> DecideStatus(const AgentState& s, const ChangeAgentStatus& c, Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (IsSystemManaged(c.status)) {
    return Rejection::Invalid(
        "status_not_settable",
        std::string("status ") + ToString(c.status) + " is set by the call flow, not by hand",
        "status");
  }
  if (s.OnCall()) return Busy(s);
  if (s.status == c.status) return Events{};
  return Events{
      AgentStatusChanged{s.status, c.status, c.reason.empty() ? "manual" : c.reason, now}};
}

Decision<AgentEvent> DecideReserveCall(const AgentState& s, const ReserveAgentForCall& c,
                                       Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.call_id.empty())
    return Rejection::Invalid("call_id_required", "call id is required", "call_id");
  if (s.active_call_id == c.call_id) return Events{};
  if (s.OnCall()) return Busy(s);
  if (!MayPlaceOutboundCall(s.status)) {
    return Rejection::Conflict("agent_unavailable", std::string("agent is ") + ToString(s.status) +
                                                        " and may not place calls");
  }
  const AgentStatus return_status =
      s.status == AgentStatus::kWrapUp ? s.return_status.value_or(AgentStatus::kOnline) : s.status;
  return Events{AgentCallReserved{c.call_id, return_status, now},
                AgentStatusChanged{s.status, AgentStatus::kOnCall, "call_started", now}};
}

Decision<AgentEvent> DecideReleaseCall(const AgentState& s, const ReleaseAgentCall& c,
                                       Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.wrap_up_seconds < 0 || c.wrap_up_seconds > kMaxWrapUpSeconds) {
    return Rejection::Invalid("invalid_wrap_up_seconds",
                              "wrap_up_seconds must be between 0 and 86400", "wrap_up_seconds");
  }
  if (!s.OnCall() || s.active_call_id != c.call_id) return Events{};
  if (c.wrap_up_seconds > 0) {
    return Events{AgentCallReleased{c.call_id, now + Seconds(c.wrap_up_seconds), now},
                  AgentStatusChanged{s.status, AgentStatus::kWrapUp, "call_ended", now}};
  }
  return Events{AgentCallReleased{c.call_id, std::nullopt, now},
                AgentStatusChanged{s.status, s.return_status.value_or(AgentStatus::kOnline),
                                   "call_ended", now}};
}

Decision<AgentEvent> DecideExpireWrapUp(const AgentState& s, const ExpireAgentWrapUp& c,
                                        Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (s.status != AgentStatus::kWrapUp || s.wrap_up_deadline != c.deadline) return Events{};
  return Events{AgentStatusChanged{AgentStatus::kWrapUp,
                                   s.return_status.value_or(AgentStatus::kOnline),
                                   "wrap_up_expired", now}};
}

Decision<AgentEvent> DecideReserveChat(const AgentState& s, const ReserveAgentChat& c,
                                       Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.chat_id.empty())
    return Rejection::Invalid("chat_id_required", "chat id is required", "chat_id");
  if (s.active_chats.count(c.chat_id) != 0) return Events{};
  if (!CanTakeWork(s.status)) {
    return Rejection::Conflict(
        "agent_unavailable", std::string("agent is ") + ToString(s.status) + " and takes no work");
  }
  if (!s.HasChatCapacity()) {
    return Rejection::Conflict("agent_at_capacity",
                               "agent already has " + std::to_string(s.CurrentLoad()) + " of " +
                                   std::to_string(s.profile.max_concurrent_chats) + " chats");
  }
  return Events{AgentChatReserved{c.chat_id, now}};
}

Decision<AgentEvent> DecideReleaseChat(const AgentState& s, const ReleaseAgentChat& c,
                                       Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (s.active_chats.count(c.chat_id) == 0) return Events{};
  return Events{AgentChatReleased{c.chat_id, now}};
}

Decision<AgentEvent> DecideActivity(const AgentState& s, const RecordAgentActivity& c,
                                    Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.activity_type.empty()) {
    return Rejection::Invalid("activity_type_required", "activity_type is required",
                              "activity_type");
  }
  if (c.duration_seconds < 0) {
    return Rejection::Invalid("invalid_duration", "duration_seconds must not be negative",
                              "duration_seconds");
  }
  return Events{AgentActivityRecorded{c.activity_type, c.session_id, c.is_available,
                                      c.duration_seconds, c.details, now}};
}

}  // namespace

Decision<AgentEvent> AgentDecider::Decide(const State& s, const Command& command, Timestamp now) {
  return std::visit(
      Overloaded{
          [&](const RegisterAgent& c) { return DecideProfile(s, c.profile, true, now); },
          [&](const UpdateAgentProfile& c) { return DecideProfile(s, c.profile, false, now); },
          [&](const ChangeAgentStatus& c) { return DecideStatus(s, c, now); },
          [&](const ReserveAgentForCall& c) { return DecideReserveCall(s, c, now); },
          [&](const ReleaseAgentCall& c) { return DecideReleaseCall(s, c, now); },
          [&](const ExpireAgentWrapUp& c) { return DecideExpireWrapUp(s, c, now); },
          [&](const ReserveAgentChat& c) { return DecideReserveChat(s, c, now); },
          [&](const ReleaseAgentChat& c) { return DecideReleaseChat(s, c, now); },
          [&](const RecordAgentActivity& c) { return DecideActivity(s, c, now); },
      },
      command);
}

void AgentDecider::EvolveInPlace(State& s, const Event& event) {
  std::visit(Overloaded{
                 [&](const AgentRegistered& e) {
                   s.exists = true;
                   s.profile = e.profile;
                   s.status = AgentStatus::kOffline;
                   s.status_since = e.at;
                   s.created_at = e.at;
                 },
                 [&](const AgentProfileUpdated& e) { s.profile = e.profile; },
                 [&](const AgentStatusChanged& e) {
                   s.status = e.to;
                   s.status_reason = e.reason;
                   s.status_since = e.at;
                   if (e.to != AgentStatus::kWrapUp) s.wrap_up_deadline.reset();
                   if (!IsSystemManaged(e.to)) s.return_status.reset();
                 },
                 [&](const AgentCallReserved& e) {
                   s.active_call_id = e.call_id;
                   s.return_status = e.return_status;
                   s.wrap_up_deadline.reset();
                 },
                 [&](const AgentCallReleased& e) {
                   if (s.active_call_id == e.call_id) s.active_call_id.clear();
                   s.wrap_up_deadline = e.wrap_up_deadline;
                 },
                 [&](const AgentChatReserved& e) { s.active_chats.insert(e.chat_id); },
                 [&](const AgentChatReleased& e) { s.active_chats.erase(e.chat_id); },
                 [&](const AgentActivityRecorded& e) {
                   s.last_activity_type = e.activity_type;
                   s.last_activity_at = e.at;
                 },
             },
             event);
  std::visit([&](const auto& e) { s.updated_at = e.at; }, event);
}

std::optional<Timestamp> AgentDecider::DeadlineOf(const State& state) {
  return state.wrap_up_deadline;
}

AgentDecider::Command AgentDecider::ExpiryCommand(Timestamp deadline) {
  return ExpireAgentWrapUp{deadline};
}

}  // namespace sb::domain
