// The provider entity: one configured VoIP provider account of a tenant.
#ifndef SWITCHBOARD_DOMAIN_PROVIDER_DECIDER_H_
#define SWITCHBOARD_DOMAIN_PROVIDER_DECIDER_H_

#include <optional>
#include <string>

#include "domain/decision.h"
#include "domain/provider_commands.h"
#include "domain/provider_events.h"
#include "domain/provider_state.h"
#include "domain/result.h"
#include "domain/time.h"

namespace sb::domain {

struct ProviderDecider {
  using State = ProviderState;
  using Command = ProviderCommand;
  using Event = ProviderEvent;
  static constexpr const char* kKind = "provider";

  static Decision<Event> Decide(const State& state, const Command& command, Timestamp now);
  static State Evolve(State state, const Event& event) {
    EvolveInPlace(state, event);
    return state;
  }
  // Evolve applied to `state` itself: for folds that keep many states, where moving a whole
  // state in and out costs more than most events change.
  static void EvolveInPlace(State& state, const Event& event);

  // A provider has no deadlines.
  static std::optional<Timestamp> DeadlineOf(const State&) { return std::nullopt; }
  static Command ExpiryCommand(Timestamp) { return DeleteProvider{}; }  // never used

  static std::string TypeOf(const Event& event);
  static std::string EncodeEvent(const Event& event);
  static Result<Event> DecodeEvent(const std::string& type, const std::string& payload_json);
  static std::string EncodeState(const State& state);
  static Result<State> DecodeState(const std::string& json);
};

// The rules an account must satisfy on its own (used by Decide, and by the API before it
// resolves masked secrets).
std::optional<Rejection> ValidateProviderAccount(const ProviderAccount& account);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_PROVIDER_DECIDER_H_
