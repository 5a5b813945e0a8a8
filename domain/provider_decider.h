// The provider entity: one configured VoIP provider account of a tenant.
#ifndef SWITCHBOARD_DOMAIN_PROVIDER_DECIDER_H_
#define SWITCHBOARD_DOMAIN_PROVIDER_DECIDER_H_

#include <optional>
#include <string>

#include "domain/decision.h"
#include "domain/evolve_by_value.h"
#include "domain/provider_commands.h"
#include "domain/provider_events.h"
#include "domain/provider_state.h"
#include "domain/result.h"
#include "domain/time.h"

namespace sb::domain {

struct ProviderDecider : EvolveByValue<ProviderDecider, ProviderState, ProviderEvent> {
  using State = ProviderState;
  using Command = ProviderCommand;
  using Event = ProviderEvent;
  static constexpr const char* kKind = "provider";

  static Decision<Event> Decide(const State& state, const Command& command, Timestamp now);
  // Evolve (by value) comes from EvolveByValue.
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
