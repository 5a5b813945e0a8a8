// The queue entity actor, compiled once here.
#include "actors/entity_actor_impl.h"
#include "domain/routing/queue_decider.h"

namespace sb::actors {

template caf::actor SpawnEntity<domain::QueueDecider>(caf::event_based_actor*,
                                                      std::shared_ptr<const EntityContext>,
                                                      caf::actor, EntityKey, bool);

}  // namespace sb::actors
