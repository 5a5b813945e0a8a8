// The customer entity actor, compiled once here.
#include "actors/entity_actor_impl.h"
#include "domain/customer_decider.h"

namespace sb::actors {

template caf::actor SpawnEntity<domain::CustomerDecider>(caf::event_based_actor*,
                                                         std::shared_ptr<const EntityContext>,
                                                         caf::actor, EntityKey, bool);

}  // namespace sb::actors
