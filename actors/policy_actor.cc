// The calling-policy entity actor, compiled once here.
#include "actors/entity_actor_impl.h"
#include "domain/compliance/policy_decider.h"

namespace sb::actors {

template caf::actor SpawnEntity<domain::CallingPolicyDecider>(caf::event_based_actor*,
                                                              std::shared_ptr<const EntityContext>,
                                                              caf::actor, EntityKey, bool);

}  // namespace sb::actors
