// The calling-policy entity (kind "policy", stream <tenant>/policy/<id>; the API uses the one
// id kCallingPolicyId per tenant): number lists, caller-ID profiles, outbound calling hours
// and recording settings. What the lists mean and every rule are at the top of
// policy_decider.cc; the pure checks the call flows run against the state are in
// outbound_check.h, inbound_screening.h, caller_id_choice.h and recording_consent.h.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_DECIDER_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_DECIDER_H_

#include <optional>
#include <string>

#include "domain/compliance/policy_commands.h"
#include "domain/compliance/policy_events.h"
#include "domain/compliance/policy_state.h"
#include "domain/decision.h"
#include "domain/evolve_by_value.h"
#include "domain/result.h"
#include "domain/time.h"

namespace sb::domain {

inline constexpr const char* kCallingPolicyId = "calling";

struct CallingPolicyDecider
    : EvolveByValue<CallingPolicyDecider, CallingPolicyState, CallingPolicyEvent> {
  using State = CallingPolicyState;
  using Command = CallingPolicyCommand;
  using Event = CallingPolicyEvent;
  static constexpr const char* kKind = "policy";

  static Decision<Event> Decide(const State& state, const Command& command, Timestamp now);
  // Evolve (by value) comes from EvolveByValue.
  static void EvolveInPlace(State& state, const Event& event);

  // A policy has no deadlines: calling hours are evaluated when a call is placed.
  static std::optional<Timestamp> DeadlineOf(const State&) { return std::nullopt; }
  static Command ExpiryCommand(Timestamp) { return RemoveNumber{}; }  // never used

  static std::string TypeOf(const Event& event);
  static std::string EncodeEvent(const Event& event);
  static Result<Event> DecodeEvent(const std::string& type, const std::string& payload_json);
  static std::string EncodeState(const State& state);
  static Result<State> DecodeState(const std::string& json);
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_DECIDER_H_
