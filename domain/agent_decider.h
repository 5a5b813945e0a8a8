// The agent entity: availability, profile, chat capacity and the one call it may be on.
#ifndef SWITCHBOARD_DOMAIN_AGENT_DECIDER_H_
#define SWITCHBOARD_DOMAIN_AGENT_DECIDER_H_

#include <optional>
#include <string>

#include "domain/agent_commands.h"
#include "domain/agent_events.h"
#include "domain/agent_state.h"
#include "domain/decision.h"
#include "domain/evolve_by_value.h"
#include "domain/result.h"
#include "domain/time.h"

namespace sb::domain {

struct AgentDecider : EvolveByValue<AgentDecider, AgentState, AgentEvent> {
  using State = AgentState;
  using Command = AgentCommand;
  using Event = AgentEvent;
  static constexpr const char* kKind = "agent";

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

#endif  // SWITCHBOARD_DOMAIN_AGENT_DECIDER_H_
