// The entity registry: the one place that knows where an entity's actor lives. It spawns an
// entity on its first message (recovering it from the log), lets it passivate without losing
// a command on the way (docs/actors.md), and, as its supervisor, restarts it at once when it
// crashes so that its deadlines are armed again. A second node would partition streams by a
// hash of their name here.
#ifndef SWITCHBOARD_ACTORS_ENTITY_REGISTRY_H_
#define SWITCHBOARD_ACTORS_ENTITY_REGISTRY_H_

#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/entity_context.h"

namespace sb::actors {

// Messages:
//   EntityCommand<D>                  -> delegated to the entity; answers EntityReply<D>
//   (wake_atom, std::string stream)   -> spawns the entity of that stream if not live
//   (passivate_atom), from an entity  -> holds its stream's commands, tells it to go
//   (resume_atom), from an entity     -> it stays busy: the held commands go to it
//   (count_atom)                      -> uint64_t live entities
//   (stop_atom)                       -> stops every entity, then the registry
caf::actor SpawnEntityRegistry(caf::actor_system& system,
                               std::shared_ptr<const EntityContext> context);

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ENTITY_REGISTRY_H_
