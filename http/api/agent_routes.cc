// Agents: profile (PUT is an upsert), status, reads, and seed 001's activity records. An agent
// acts as itself; staff act on any agent of their tenant.
#include <boost/json.hpp>

#include "domain/agent_decider.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/routes.h"
#include "http/api/views.h"

namespace sb::http::api {
namespace {

using domain::AgentDecider;
using AgentReply = actors::EntityReply<AgentDecider>;

auto AgentViewOf(const std::string& id) {
  return [id](const AgentReply& r) { return AgentView(id, r.state); };
}

}  // namespace

void AddAgentRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add(
      "PUT", "/api/v1/agents/{id}",
      Guard(context, [context](const Principal& caller, Request request, PathParams params,
                               Responder respond) {
        const std::string id = params["id"];
        if (!ActsAsAgent(caller, id)) {
          return respond(ForbiddenResponse("an agent edits only its own profile"));
        }
        if (auto s = actors::ValidateId(id, "agent id"); !s.ok()) {
          return respond(ErrorResponse(422, "invalid_id", s.message(), "id"));
        }
        auto parsed = JsonBody::Parse(request.body, {"name", "email", "extension", "avatar_url",
                                                     "skills", "max_concurrent_chats"});
        if (auto* error = std::get_if<Response>(&parsed)) {
          return respond(std::move(*error));
        }
        auto& body = std::get<JsonBody>(parsed);
        domain::RegisterAgent command;
        auto& profile = command.profile;
        int64_t max_chats = profile.max_concurrent_chats;
        body.String("name", &profile.name);
        body.String("email", &profile.email);
        body.String("extension", &profile.extension);
        body.String("avatar_url", &profile.avatar_url);
        body.IntMap("skills", &profile.skills);
        body.Int("max_concurrent_chats", &max_chats);
        if (body.error()) return respond(*body.error());
        if (max_chats < 1 || max_chats > 1000) {
          return respond(ErrorResponse(422, "invalid_max_chats",
                                       "max_concurrent_chats must be 1..1000",
                                       "max_concurrent_chats"));
        }
        profile.max_concurrent_chats = static_cast<int>(max_chats);
        CommandAndAnswer<AgentDecider>(*context, MakeCommand<AgentDecider>(caller, id, command),
                                       AgentViewOf(id), std::move(respond));
      }));

  router.Add(
      "PUT", "/api/v1/agents/{id}/status",
      Guard(context, [context](const Principal& caller, Request request, PathParams params,
                               Responder respond) {
        const std::string id = params["id"];
        if (!ActsAsAgent(caller, id)) {
          return respond(ForbiddenResponse("an agent sets only its own status"));
        }
        auto parsed = JsonBody::Parse(request.body, {"status", "reason"});
        if (auto* error = std::get_if<Response>(&parsed)) {
          return respond(std::move(*error));
        }
        auto& body = std::get<JsonBody>(parsed);
        std::string status_text;
        domain::ChangeAgentStatus command;
        body.String("status", &status_text, /*required=*/true);
        body.String("reason", &command.reason);
        if (body.error()) return respond(*body.error());
        auto status = domain::ParseAgentStatus(status_text);
        if (!status) {
          return respond(ErrorResponse(422, "invalid_status",
                                       "unknown agent status '" + status_text + "'", "status"));
        }
        command.status = *status;
        CommandAndAnswer<AgentDecider>(*context, MakeCommand<AgentDecider>(caller, id, command),
                                       AgentViewOf(id), std::move(respond));
      }));

  router.Add("GET", "/api/v1/agents/{id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               const std::string id = params["id"];
               if (!ActsAsAgent(caller, id)) return respond(NotFoundResponse("agent"));
               context->runtime->Ask<AgentDecider>(
                   MakeCommand<AgentDecider>(caller, id, std::nullopt),
                   [id, respond](Result<AgentReply> reply) {
                     if (reply.ok() && reply.value().status.ok() && !reply.value().state.exists) {
                       return respond(NotFoundResponse("agent"));
                     }
                     respond(ReplyResponse<AgentDecider>(reply, 200, AgentViewOf(id)));
                   });
             }));

  router.Add("POST", "/api/v1/agent-activity",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               auto parsed =
                   JsonBody::Parse(request.body, {"agent_id", "activity_type", "session_id",
                                                  "is_available", "duration_seconds", "details"});
               if (auto* error = std::get_if<Response>(&parsed)) {
                 return respond(std::move(*error));
               }
               auto& body = std::get<JsonBody>(parsed);
               std::string agent_id = caller.role == Role::kAgent ? caller.subject : "";
               domain::RecordAgentActivity command;
               body.String("agent_id", &agent_id, /*required=*/agent_id.empty());
               body.String("activity_type", &command.activity_type);
               body.String("session_id", &command.session_id);
               body.Bool("is_available", &command.is_available);
               body.Int("duration_seconds", &command.duration_seconds);
               body.String("details", &command.details);
               if (body.error()) return respond(*body.error());
               if (!ActsAsAgent(caller, agent_id)) {
                 return respond(ForbiddenResponse("an agent records only its own activity"));
               }
               context->runtime->Ask<AgentDecider>(
                   MakeCommand<AgentDecider>(caller, agent_id, command),
                   [agent_id, respond](Result<AgentReply> reply) {
                     auto answer = ReplyResponse<AgentDecider>(reply, 201, AgentViewOf(agent_id));
                     respond(std::move(answer));
                   });
             }));
}

}  // namespace sb::http::api
