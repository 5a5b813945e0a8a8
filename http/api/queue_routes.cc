// Queues and offers (issue 5 §3). Staff configure queues (PUT is an upsert) and read them; an
// agent reads them too, and accepts or rejects the offers made to it (staff may act for an
// agent by naming it). Reads come from the router's in-memory roster, folded from the log.
#include <boost/json.hpp>

#include "actors/router.h"
#include "domain/routing/queue_decider.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/pool_answer.h"
#include "http/api/queue_views.h"
#include "http/api/read_model_query.h"
#include "http/api/routes.h"

namespace sb::http::api {
namespace {

using domain::QueueDecider;
using QueueReply = actors::EntityReply<QueueDecider>;

domain::Timestamp Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The config in a PUT body; the first problem is the response.
std::optional<Response> ReadConfig(JsonBody& body, domain::QueueConfig* c) {
  std::string strategy = domain::ToString(c->strategy), channel = domain::ToString(c->channel);
  int64_t priority = c->priority, max_no_answer = c->max_no_answer;
  std::string escalation;
  body.String("name", &c->name, true);
  body.StringSet("required_skills", &c->required_skills);
  body.String("strategy", &strategy);
  body.Int("priority", &priority);
  body.Int("offer_timeout_seconds", &c->offer_timeout_seconds);
  body.Int("max_no_answer", &max_no_answer);
  body.Int("wrap_up_seconds", &c->wrap_up_seconds);
  body.String("channel", &channel);
  body.ObjectText("escalation", &escalation);
  if (body.error()) return body.error();
  auto parsed_strategy = domain::ParseRoutingStrategy(strategy);
  if (!parsed_strategy) {
    return ErrorResponse(422, "invalid_strategy", "unknown strategy '" + strategy + "'",
                         "strategy");
  }
  c->strategy = *parsed_strategy;
  auto parsed_channel = domain::ParseQueueChannel(channel);
  if (!parsed_channel) {
    return ErrorResponse(422, "invalid_channel", "channel must be voice or chat", "channel");
  }
  c->channel = *parsed_channel;
  if (priority < -1000 || priority > 1000 || max_no_answer < 0 || max_no_answer > 100) {
    return ErrorResponse(422, "invalid_queue", "priority must be -1000..1000, max_no_answer 0..100",
                         priority < -1000 || priority > 1000 ? "priority" : "max_no_answer");
  }
  c->priority = static_cast<int>(priority);
  c->max_no_answer = static_cast<int>(max_no_answer);
  if (!escalation.empty()) {
    auto nested = JsonBody::Parse(escalation, {"widen_after_seconds", "widen_to_skills",
                                               "fallback_after_seconds", "fallback_queue_id"});
    if (auto* error = std::get_if<Response>(&nested)) return std::move(*error);
    auto& e = std::get<JsonBody>(nested);
    e.Int("widen_after_seconds", &c->escalation.widen_after_seconds);
    e.StringSet("widen_to_skills", &c->escalation.widen_to_skills);
    e.Int("fallback_after_seconds", &c->escalation.fallback_after_seconds);
    e.String("fallback_queue_id", &c->escalation.fallback_queue_id);
    if (e.error()) return e.error();
  }
  return std::nullopt;
}

// Accept or reject: the offer's queue decides, once.
void AnswerOffer(const ApiContext& context, const Principal& caller, const std::string& offer_id,
                 Request request, bool accept, Responder respond) {
  auto parsed = JsonBody::Parse(request.body, {"agent_id", "reason"});
  if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
  auto& body = std::get<JsonBody>(parsed);
  std::string agent_id = caller.role == Role::kAgent ? caller.subject : "";
  std::string reason;
  body.String("agent_id", &agent_id, agent_id.empty());
  body.String("reason", &reason);
  if (body.error()) return respond(*body.error());
  if (!ActsAsAgent(caller, agent_id)) {
    return respond(ForbiddenResponse("an agent answers only its own offers"));
  }
  auto queue_id = actors::Router::QueueOfOffer(offer_id);
  if (!queue_id || !actors::ValidateId(*queue_id, "queue id").ok()) {
    return respond(NotFoundResponse("offer"));
  }
  domain::QueueCommand command = domain::RejectOffer{offer_id, agent_id, reason};
  if (accept) command = domain::AcceptOffer{offer_id, agent_id};
  context.runtime->Ask<QueueDecider>(
      MakeCommand<QueueDecider>(caller, *queue_id, std::move(command)),
      [offer_id, queue_id = *queue_id, accept, respond](Result<QueueReply> reply) {
        respond(ReplyResponse<QueueDecider>(reply, 200, [&](const QueueReply& r) {
          boost::json::object out{{"success", true},
                                  {"offer_id", offer_id},
                                  {"queue_id", queue_id},
                                  {"accepted", accept}};
          for (const auto& e : r.events) {
            if (const auto* a = std::get_if<domain::TaskAssigned>(&e)) {
              out["task_id"] = a->task.task_id;
              out["call_id"] = a->task.call_id;
              out["kind"] = domain::ToString(a->task.kind);
            }
          }
          return out;
        }));
      });
}

// Answers from the router's roster, once it has folded the log up to ?min_position= (as read
// models do: 400 invalid_query when malformed, 503 projection_behind with Retry-After when it
// does not within ApiSettings::max_query_wait_ms). Waiting happens on the blocking pool; an
// answer that needs no wait is given at once.
void AnswerFromRoster(const std::shared_ptr<const ApiContext>& context, const Request& request,
                      Responder respond, std::function<Response()> answer) {
  auto min_position = UintParam(request, "min_position");
  if (!min_position.ok()) return respond(InvalidQuery(min_position.status(), "min_position"));
  const uint64_t min = min_position->value_or(0);
  if (context->router->FoldedPosition() >= min) return respond(answer());
  AnswerOnPool(*context, std::move(respond), [context, min, answer = std::move(answer)] {
    const auto wait = std::chrono::milliseconds(context->settings.max_query_wait_ms);
    if (!context->router->WaitFolded(min, wait)) {
      return ProjectionBehind("the router", context->router->FoldedPosition(), min);
    }
    return answer();
  });
}

}  // namespace

void AddQueueRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("PUT", "/api/v1/queues/{id}",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               if (!IsStaff(caller))
                 return respond(ForbiddenResponse("queues are configured by staff"));
               const std::string id = params["id"];
               if (auto s = actors::ValidateId(id, "queue id"); !s.ok()) {
                 return respond(ErrorResponse(422, "invalid_id", s.message(), "id"));
               }
               auto parsed =
                   JsonBody::Parse(request.body, {"name", "required_skills", "strategy", "priority",
                                                  "offer_timeout_seconds", "max_no_answer",
                                                  "wrap_up_seconds", "channel", "escalation"});
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               domain::ConfigureQueue command;
               if (auto bad = ReadConfig(std::get<JsonBody>(parsed), &command.config)) {
                 return respond(std::move(*bad));
               }
               CommandAndAnswer<QueueDecider>(
                   *context, MakeCommand<QueueDecider>(caller, id, std::move(command)),
                   [id](const QueueReply& r) {
                     return QueueView(actors::QueueView{id, r.state, r.version, 0, 0}, Now());
                   },
                   std::move(respond));
             }));

  router.Add("GET", "/api/v1/queues",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               if (caller.role == Role::kCustomer) return respond(ForbiddenResponse("staff only"));
               AnswerFromRoster(context, request, std::move(respond), [context, caller] {
                 uint64_t position = 0;
                 boost::json::array queues;
                 const auto now = Now();
                 for (const auto& q : context->router->Queues(caller.tenant, &position)) {
                   queues.push_back(QueueView(q, now));
                 }
                 boost::json::object body{{"total", queues.size()},
                                          {"queues", std::move(queues)},
                                          {"position", position}};
                 return JsonResponse(200, body);
               });
             }));

  router.Add("GET", "/api/v1/queues/{id}",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               if (caller.role == Role::kCustomer) return respond(ForbiddenResponse("staff only"));
               AnswerFromRoster(context, request, std::move(respond),
                                [context, caller, id = params["id"]] {
                                  uint64_t position = 0;
                                  auto q = context->router->Queue(caller.tenant, id, &position);
                                  if (!q) return NotFoundResponse("queue");
                                  auto body = QueueView(*q, Now());
                                  body["position"] = position;
                                  return JsonResponse(200, body);
                                });
             }));

  for (const bool accept : {true, false}) {
    router.Add("POST", accept ? "/api/v1/offers/{id}/accept" : "/api/v1/offers/{id}/reject",
               Guard(context, [context, accept](const Principal& caller, Request request,
                                                PathParams params, Responder respond) {
                 AnswerOffer(*context, caller, params["id"], std::move(request), accept,
                             std::move(respond));
               }));
  }
}

}  // namespace sb::http::api
