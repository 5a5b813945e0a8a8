// The provider entity actor, compiled once here.
#include "actors/entity_actor_impl.h"
#include "domain/provider_decider.h"

namespace sb::actors {

template caf::actor SpawnEntity<domain::ProviderDecider>(caf::event_based_actor*,
                                                         std::shared_ptr<const EntityContext>,
                                                         caf::actor, EntityKey, bool);

}  // namespace sb::actors
