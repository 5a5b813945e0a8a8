// Customer (lead) rules (decisions taken where issue 3 and seed 000 leave room):
//
// - Existence: RegisterCustomer creates the customer and is an upsert (PUT /customers/{id});
//   on an existing customer it emits CustomerProfileUpdated, or nothing if identical. Every
//   other command on a customer never registered is kNotFound "customer_not_found".
// - Profile: the phone may be empty (seed 000: a lead without a number just cannot be
//   called); if present it must be E.164 (kInvalid "invalid_phone", field "phone"). The email
//   is optional but plausible ("invalid_email"). The name is free (leads arrive half known).
// - Presence: online while a console connection is open. ConnectCustomer with an id already
//   open is a no-op; it cancels a pending offline deadline. DisconnectCustomer of an unknown
//   id is a no-op. When the last connection closes with grace_seconds > 0 (at most 3600,
//   else "invalid_grace_seconds") the state records offline_deadline = now + grace and the
//   customer stays online; ExpireCustomerPresence{deadline} then emits CustomerWentOffline
//   only if no connection reopened and the deadline is the recorded one (a stale timer is
//   ignored, no events). With grace_seconds == 0 the customer goes offline at once
//   (CustomerDisconnected + CustomerWentOffline).
// - Viewers: OpenCustomerProfile by an agent already viewing with the same card is a no-op
//   (two tabs count once); with a changed name/avatar it re-emits ProfileOpened to refresh
//   the card (the counter is unchanged). CloseCustomerProfile of a non-viewer is a no-op.
//   The counter is the number of distinct agents viewing.
// - The line: RequestCustomerLine grants the line if free (LineGranted); if the same call
//   already holds it, no-op (retry); otherwise kConflict "customer_busy" with holder = the
//   holding call id. Granting does not look at presence or consent: choosing IN_APP vs PSTN
//   is the saga's job; the customer only arbitrates who may call now. ReleaseCustomerLine by
//   any call but the holder is a no-op (late or duplicate release).
#include "domain/customer_decider.h"

#include <optional>
#include <utility>
#include <vector>

#include "domain/email.h"
#include "domain/overloaded.h"
#include "domain/phone.h"

namespace sb::domain {
namespace {

using Events = std::vector<CustomerEvent>;

constexpr int64_t kMaxGraceSeconds = 60 * 60;

Rejection NotRegistered() {
  return Rejection::NotFound("customer_not_found", "customer is not registered");
}

std::optional<Rejection> ValidateProfile(const CustomerProfile& p) {
  if (!p.phone.empty() && !IsValidE164(p.phone)) {
    return Rejection::Invalid("invalid_phone",
                              "phone must be E.164 (+ and 7 to 15 digits): " + p.phone, "phone");
  }
  if (!p.email.empty() && !IsPlausibleEmail(p.email)) {
    return Rejection::Invalid("invalid_email", "not an e-mail address: " + p.email, "email");
  }
  return std::nullopt;
}

Decision<CustomerEvent> DecideProfile(const CustomerState& s, const CustomerProfile& profile,
                                      bool create, Timestamp now) {
  if (!s.exists && !create) return NotRegistered();
  if (auto rejection = ValidateProfile(profile)) return *rejection;
  if (!s.exists) return Events{CustomerRegistered{profile, now}};
  if (s.profile == profile) return Events{};
  return Events{CustomerProfileUpdated{profile, now}};
}

Decision<CustomerEvent> DecideConnect(const CustomerState& s, const ConnectCustomer& c,
                                      Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.connection_id.empty()) {
    return Rejection::Invalid("connection_id_required", "connection id is required",
                              "connection_id");
  }
  if (s.connections.count(c.connection_id) != 0) return Events{};
  return Events{CustomerConnected{c.connection_id, now}};
}

Decision<CustomerEvent> DecideDisconnect(const CustomerState& s, const DisconnectCustomer& c,
                                         Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.grace_seconds < 0 || c.grace_seconds > kMaxGraceSeconds) {
    return Rejection::Invalid("invalid_grace_seconds", "grace_seconds must be between 0 and 3600",
                              "grace_seconds");
  }
  if (s.connections.count(c.connection_id) == 0) return Events{};
  const bool last = s.connections.size() == 1;
  if (!last) return Events{CustomerDisconnected{c.connection_id, std::nullopt, now}};
  if (c.grace_seconds == 0) {
    return Events{CustomerDisconnected{c.connection_id, std::nullopt, now},
                  CustomerWentOffline{"disconnected", now}};
  }
  return Events{CustomerDisconnected{c.connection_id, now + Seconds(c.grace_seconds), now}};
}

Decision<CustomerEvent> DecideExpire(const CustomerState& s, const ExpireCustomerPresence& c,
                                     Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (!s.connections.empty() || s.offline_deadline != c.deadline) return Events{};
  return Events{CustomerWentOffline{"grace_expired", now}};
}

Decision<CustomerEvent> DecideOpen(const CustomerState& s, const OpenCustomerProfile& c,
                                   Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.agent_id.empty()) {
    return Rejection::Invalid("agent_id_required", "agent id is required", "agent_id");
  }
  const auto it = s.viewers.find(c.agent_id);
  if (it != s.viewers.end() && it->second.agent_name == c.agent_name &&
      it->second.agent_avatar_url == c.agent_avatar_url) {
    return Events{};
  }
  const int viewers = s.ViewerCount() + (it == s.viewers.end() ? 1 : 0);
  return Events{ProfileOpened{c.agent_id, c.agent_name, c.agent_avatar_url, viewers, now}};
}

Decision<CustomerEvent> DecideClose(const CustomerState& s, const CloseCustomerProfile& c,
                                    Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (s.viewers.count(c.agent_id) == 0) return Events{};
  return Events{ProfileClosed{c.agent_id, s.ViewerCount() - 1, now}};
}

Decision<CustomerEvent> DecideRequestLine(const CustomerState& s, const RequestCustomerLine& c,
                                          Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (c.call_id.empty()) {
    return Rejection::Invalid("call_id_required", "call id is required", "call_id");
  }
  if (c.agent_id.empty()) {
    return Rejection::Invalid("agent_id_required", "agent id is required", "agent_id");
  }
  if (s.line_call_id == c.call_id) return Events{};
  if (s.LineHeld()) {
    return Rejection::Conflict("customer_busy",
                               "customer is already being called by call " + s.line_call_id,
                               s.line_call_id);
  }
  return Events{LineGranted{c.call_id, c.agent_id, now}};
}

Decision<CustomerEvent> DecideReleaseLine(const CustomerState& s, const ReleaseCustomerLine& c,
                                          Timestamp now) {
  if (!s.exists) return NotRegistered();
  if (!s.LineHeld() || s.line_call_id != c.call_id) return Events{};
  return Events{LineReleased{c.call_id, now}};
}

}  // namespace

Decision<CustomerEvent> CustomerDecider::Decide(const State& s, const Command& command,
                                                Timestamp now) {
  return std::visit(
      Overloaded{
          [&](const RegisterCustomer& c) { return DecideProfile(s, c.profile, true, now); },
          [&](const UpdateCustomerProfile& c) { return DecideProfile(s, c.profile, false, now); },
          [&](const ConnectCustomer& c) { return DecideConnect(s, c, now); },
          [&](const DisconnectCustomer& c) { return DecideDisconnect(s, c, now); },
          [&](const ExpireCustomerPresence& c) { return DecideExpire(s, c, now); },
          [&](const OpenCustomerProfile& c) { return DecideOpen(s, c, now); },
          [&](const CloseCustomerProfile& c) { return DecideClose(s, c, now); },
          [&](const RequestCustomerLine& c) { return DecideRequestLine(s, c, now); },
          [&](const ReleaseCustomerLine& c) { return DecideReleaseLine(s, c, now); },
      },
      command);
}

void CustomerDecider::EvolveInPlace(State& s, const Event& event) {
  std::visit(Overloaded{
                 [&](const CustomerRegistered& e) {
                   s.exists = true;
                   s.profile = e.profile;
                   s.created_at = e.at;
                 },
                 [&](const CustomerProfileUpdated& e) { s.profile = e.profile; },
                 [&](const CustomerConnected& e) {
                   s.connections.insert(e.connection_id);
                   s.offline_deadline.reset();
                   s.last_seen_at = e.at;
                 },
                 [&](const CustomerDisconnected& e) {
                   s.connections.erase(e.connection_id);
                   s.offline_deadline = e.offline_deadline;
                   s.last_seen_at = e.at;
                 },
                 [&](const CustomerWentOffline&) {
                   s.connections.clear();
                   s.offline_deadline.reset();
                 },
                 [&](const ProfileOpened& e) {
                   s.viewers[e.agent_id] = ProfileViewer{e.agent_name, e.agent_avatar_url, e.at};
                 },
                 [&](const ProfileClosed& e) { s.viewers.erase(e.agent_id); },
                 [&](const LineGranted& e) {
                   s.line_call_id = e.call_id;
                   s.line_agent_id = e.agent_id;
                   s.line_granted_at = e.at;
                 },
                 [&](const LineReleased& e) {
                   if (s.line_call_id != e.call_id) return;
                   s.line_call_id.clear();
                   s.line_agent_id.clear();
                   s.line_granted_at.reset();
                 },
             },
             event);
  std::visit([&](const auto& e) { s.updated_at = e.at; }, event);
}

std::optional<Timestamp> CustomerDecider::DeadlineOf(const State& state) {
  return state.offline_deadline;
}

CustomerDecider::Command CustomerDecider::ExpiryCommand(Timestamp deadline) {
  return ExpireCustomerPresence{deadline};
}

}  // namespace sb::domain
