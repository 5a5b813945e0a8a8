// The entity actor: one per stream `<tenant>/<kind>/<id>`, generic over a domain Decider.
//
// Life cycle: on spawn it reads its snapshot and the rest of its stream on the blocking pool,
// queueing commands meanwhile. Commands are decided in batches against the current state; a
// rejection or a no-op at the head is answered at once; a batch's events are appended with the
// expected version, and only once the append is durable are its commands answered and the
// reactions run (persist, then reply). One batch is in flight at a time, except for kinds
// that pipeline (append_pipelining.h). A deadline in the state is armed as a timer; a stale timer
// is recognised by its generation and ignored. With nothing queued and no deadline pending the
// actor passivates after `passivate_after` of silence.
#ifndef SWITCHBOARD_ACTORS_ENTITY_ACTOR_H_
#define SWITCHBOARD_ACTORS_ENTITY_ACTOR_H_

#include <memory>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/entity_context.h"
#include "actors/entity_key.h"

namespace sb::actors {

// Spawns the entity actor of `key` as a child monitored by `parent` (the registry).
template <class Decider>
caf::actor SpawnEntity(caf::event_based_actor* parent, std::shared_ptr<const EntityContext> context,
                       caf::actor registry, EntityKey key, bool new_stream);

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ENTITY_ACTOR_H_
