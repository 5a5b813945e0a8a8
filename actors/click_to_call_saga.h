// The click-to-call saga's steps, run inside a bridge actor (see click_to_call.h).
#ifndef SWITCHBOARD_ACTORS_CLICK_TO_CALL_SAGA_H_
#define SWITCHBOARD_ACTORS_CLICK_TO_CALL_SAGA_H_

#include <functional>

#include <caf/actor.hpp>

#include "actors/actor_timers.h"
#include "actors/click_to_call.h"
#include "actors/entity_context.h"

namespace sb::actors {

struct SagaEnvironment {
  caf::actor registry;
  ActorTimers* timers;  // the runtime's; outlives every saga
  ClickToCallSettings settings;
  Clock clock;
};

void RunClickToCall(caf::event_based_actor* self, const SagaEnvironment& env,
                    ClickToCallRequest request, std::function<void(ClickToCallResult)> done);

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_CLICK_TO_CALL_SAGA_H_
