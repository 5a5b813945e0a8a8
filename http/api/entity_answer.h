// Asking an entity on behalf of a request and answering with its view.
#ifndef SWITCHBOARD_HTTP_API_ENTITY_ANSWER_H_
#define SWITCHBOARD_HTTP_API_ENTITY_ANSWER_H_

#include <optional>
#include <string>
#include <utility>

#include <boost/json/object.hpp>

#include "actors/runtime.h"
#include "http/api/answers.h"
#include "http/api/guard.h"
#include "http/router.h"

namespace sb::http::api {

template <class D>
actors::EntityCommand<D> MakeCommand(const Principal& caller, const std::string& id,
                                     std::optional<typename D::Command> command) {
  actors::EntityCommand<D> c;
  c.key = actors::EntityKey{caller.tenant, id};
  c.command = std::move(command);
  c.meta.actor = ActorOf(caller);
  return c;
}

// The reply as a response: a failure is 503, a rejection its status, otherwise `ok_status`
// (201 instead when the command created the entity) with `view(reply)` as the body.
template <class D, class View>
Response ReplyResponse(const Result<actors::EntityReply<D>>& reply, int ok_status, View view) {
  if (!reply.ok()) return FailureResponse(reply.status());
  const auto& r = reply.value();
  if (!r.status.ok()) return FailureResponse(r.status);
  if (r.rejection) return RejectionResponse(*r.rejection);
  const bool created = !r.events.empty() && r.version == r.events.size();
  return JsonResponse(created ? 201 : ok_status, view(r));
}

// Sends `command` and answers with its reply.
template <class D, class View>
void CommandAndAnswer(const ApiContext& context, actors::EntityCommand<D> command, View view,
                      Responder respond) {
  context.runtime->Ask<D>(std::move(command), [view, respond = std::move(respond)](
                                                  Result<actors::EntityReply<D>> reply) {
    respond(ReplyResponse<D>(reply, 200, view));
  });
}

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_ENTITY_ANSWER_H_
