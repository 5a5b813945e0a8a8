// Asking an entity from inside an actor (the bridges, the sagas), with the answer folded into
// one Result: a CAF error (timeout, receiver gone) becomes Unavailable.
#ifndef SWITCHBOARD_ACTORS_ASK_H_
#define SWITCHBOARD_ACTORS_ASK_H_

#include <chrono>
#include <memory>
#include <utility>

#include <caf/all.hpp>

#include "actors/entity_messages.h"
#include "domain/result.h"

namespace sb::actors {

template <class D, class Done>
void AskFrom(caf::event_based_actor* self, const caf::actor& registry,
             std::chrono::milliseconds timeout, EntityCommand<D> command, Done done) {
  // Shared by the two handlers, only one of which runs: `done` is often a large closure.
  auto shared = std::make_shared<Done>(std::move(done));
  self->request(registry, timeout, std::move(command))
      .then(
          [shared](EntityReply<D>& reply) { (*shared)(Result<EntityReply<D>>(std::move(reply))); },
          [shared, self](caf::error& error) {
            (*shared)(Result<EntityReply<D>>(
                Status::Unavailable("entity did not answer: " + self->system().render(error))));
          });
}

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ASK_H_
