// The call entity: one click-to-call (or inbound) session from initiation to outcome.
#ifndef SWITCHBOARD_DOMAIN_CALL_DECIDER_H_
#define SWITCHBOARD_DOMAIN_CALL_DECIDER_H_

#include <optional>
#include <string>

#include "domain/call_commands.h"
#include "domain/call_events.h"
#include "domain/call_state.h"
#include "domain/decision.h"
#include "domain/evolve_by_value.h"
#include "domain/result.h"
#include "domain/time.h"

namespace sb::domain {

struct CallDecider : EvolveByValue<CallDecider, CallState, CallEvent> {
  using State = CallState;
  using Command = CallCommand;
  using Event = CallEvent;
  static constexpr const char* kKind = "call";

  static Decision<Event> Decide(const State& state, const Command& command, Timestamp now);
  // Evolve (by value) comes from EvolveByValue.
  static void EvolveInPlace(State& state, const Event& event);

  // Timers are data: the instant the entity must be woken at, if any, and the command to
  // send it then (Decide ignores it if the deadline has moved since).
  static std::optional<Timestamp> DeadlineOf(const State& state);
  static Command ExpiryCommand(Timestamp deadline);

  static std::string TypeOf(const Event& event);
  static std::string EncodeEvent(const Event& event);
  static Result<Event> DecodeEvent(const std::string& type, const std::string& payload_json);
  static std::string EncodeState(const State& state);
  static Result<State> DecodeState(const std::string& json);
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_DECIDER_H_
