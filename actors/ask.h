// Asking an entity from inside an actor (the bridges, the sagas), with the answer folded into
// one Result: a CAF error (timeout, receiver gone) becomes Unavailable.
#ifndef SWITCHBOARD_ACTORS_ASK_H_
#define SWITCHBOARD_ACTORS_ASK_H_

#include <chrono>
#include <utility>

#include <caf/all.hpp>

#include "actors/entity_messages.h"
#include "domain/result.h"

namespace sb::actors {

template <class D, class Done>
void AskFrom(caf::event_based_actor* self, const caf::actor& registry,
             std::chrono::milliseconds timeout, EntityCommand<D> command, Done done) {
  self->request(registry, timeout, std::move(command))
      .then(
          [done](EntityReply<D>& reply) mutable { done(Result<EntityReply<D>>(std::move(reply))); },
          [done, self](caf::error& error) mutable {
            done(Result<EntityReply<D>>(
                Status::Unavailable("entity did not answer: " + self->system().render(error))));
          });
}

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ASK_H_
