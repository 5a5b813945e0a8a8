// Asking an entity from inside an actor (the bridges, the sagas), with the answer folded into
// one Result: a CAF error (timeout, receiver gone) becomes Unavailable.
#ifndef SWITCHBOARD_ACTORS_ASK_H_
#define SWITCHBOARD_ACTORS_ASK_H_

#include <atomic>
#include <memory>
#include <utility>

#include <caf/all.hpp>

#include "actors/actor_timers.h"
#include "actors/entity_messages.h"
#include "domain/result.h"

namespace sb::actors {

template <class D, class Done>
void AskFrom(caf::event_based_actor* self, const caf::actor& registry, ActorTimers& timers,
             EntityCommand<D> command, Done done) {
  // Shared by the two handlers, only one of which runs: `done` is often a large closure.
  auto shared = std::make_shared<Done>(std::move(done));
  auto answered = std::make_shared<std::atomic<bool>>(false);
  // No CAF timeout: ActorTimers keeps the deadline (actor_timers.h says why).
  auto handle = self->request(registry, caf::infinite, std::move(command));
  timers.WatchAsk(caf::actor_cast<caf::strong_actor_ptr>(self), handle.id(), answered);
  handle.then(
      [shared, answered](EntityReply<D>& reply) {
        answered->store(true, std::memory_order_release);
        (*shared)(Result<EntityReply<D>>(std::move(reply)));
      },
      [shared, answered, self](caf::error& error) {
        answered->store(true, std::memory_order_release);
        (*shared)(Result<EntityReply<D>>(
            Status::Unavailable("entity did not answer: " + self->system().render(error))));
      });
}

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ASK_H_
