// Reactions: what one entity's new events ask of other entities (the saga's follow-up steps).
// They are fire-and-forget through the registry; if the process dies before they land, the
// startup reconciliation (startup_recovery.h) finds the hold that was not released.
#ifndef SWITCHBOARD_ACTORS_REACTIONS_H_
#define SWITCHBOARD_ACTORS_REACTIONS_H_

#include <vector>

#include <caf/actor.hpp>

#include "actors/entity_context.h"
#include "actors/entity_key.h"
#include "domain/agent_events.h"
#include "domain/agent_state.h"
#include "domain/call_events.h"
#include "domain/call_state.h"
#include "domain/compliance/policy_events.h"
#include "domain/compliance/policy_state.h"
#include "domain/customer_events.h"
#include "domain/customer_state.h"
#include "domain/provider_events.h"
#include "domain/provider_state.h"
#include "domain/routing/queue_events.h"
#include "domain/routing/queue_state.h"

namespace sb::actors {

// An agent's events ask nothing of others.
inline void React(const caf::actor&, const EntitySettings&, const EntityKey&,
                  const domain::AgentState&, const std::vector<domain::AgentEvent>&) {}

// A provider's events ask nothing of others.
inline void React(const caf::actor&, const EntitySettings&, const EntityKey&,
                  const domain::ProviderState&, const std::vector<domain::ProviderEvent>&) {}

// A queue's follow-ups (reserving the assigned agent, withdrawing offers, sending an agent
// who keeps missing offers to break) are the router's (router.h): it drives them from the
// log, so that they resume after a restart.
inline void React(const caf::actor&, const EntitySettings&, const EntityKey&,
                  const domain::QueueState&, const std::vector<domain::QueueEvent>&) {}

// A calling policy's events ask nothing of others: the call flows read it when they decide.
inline void React(const caf::actor&, const EntitySettings&, const EntityKey&,
                  const domain::CallingPolicyState&,
                  const std::vector<domain::CallingPolicyEvent>&) {}

// A call that ended releases its agent (into wrap-up, if configured) and its customer's line.
void React(const caf::actor& registry, const EntitySettings& settings, const EntityKey& call,
           const domain::CallState& state, const std::vector<domain::CallEvent>& events);

// A customer who went offline while a call request holds the line fails that request.
void React(const caf::actor& registry, const EntitySettings& settings, const EntityKey& customer,
           const domain::CustomerState& state, const std::vector<domain::CustomerEvent>& events);

// The follow-up commands themselves, shared with the startup reconciliation.
void ReleaseAgent(const caf::actor& registry, const std::string& tenant,
                  const std::string& agent_id, const std::string& call_id, int64_t wrap_up_seconds);
void ReleaseLine(const caf::actor& registry, const std::string& tenant,
                 const std::string& customer_id, const std::string& call_id);

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_REACTIONS_H_
