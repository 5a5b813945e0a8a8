// The queue entity (kind "queue", stream <tenant>/queue/<id>): tasks waiting for agents, the
// offers made to agents, and who was chosen and why. Rules are at the top of queue_decider.cc.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_DECIDER_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_DECIDER_H_

#include <optional>
#include <string>

#include "domain/decision.h"
#include "domain/evolve_by_value.h"
#include "domain/result.h"
#include "domain/routing/queue_commands.h"
#include "domain/routing/queue_events.h"
#include "domain/routing/queue_state.h"
#include "domain/time.h"

namespace sb::domain {

struct QueueDecider : EvolveByValue<QueueDecider, QueueState, QueueEvent> {
  using State = QueueState;
  using Command = QueueCommand;
  using Event = QueueEvent;
  static constexpr const char* kKind = "queue";

  static Decision<Event> Decide(const State& state, const Command& command, Timestamp now);
  // Evolve (by value) comes from EvolveByValue.
  static void EvolveInPlace(State& state, const Event& event);
  // The agents an event names as offered, answering, missing or released: the only ones
  // whose ringing (QueueState::ringing) it may change.
  static std::vector<std::string> AgentsNamedBy(const Event& event);

  // Timers are data: the earliest open-offer deadline or pending escalation of a waiting
  // task, and the command to send then. It may lie in the past (an escalation overdue when
  // an offer closes): the actor then fires at once.
  static std::optional<Timestamp> DeadlineOf(const State& state);
  static Command ExpiryCommand(Timestamp deadline);

  static std::string TypeOf(const Event& event);
  static std::string EncodeEvent(const Event& event);
  static Result<Event> DecodeEvent(const std::string& type, const std::string& payload_json);
  static std::string EncodeState(const State& state);
  static Result<State> DecodeState(const std::string& json);
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_DECIDER_H_
