// Customers (leads): profile and consent (PUT is an upsert), reads with presence, and the
// agents viewing the profile (seed 000's "live agent" tab counter and agent cards). Agents
// and staff manage leads; a customer reads and edits only itself.
#include <boost/json.hpp>

#include "domain/agent_decider.h"
#include "domain/customer_decider.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/routes.h"
#include "http/api/views.h"

namespace sb::http::api {
namespace {

using domain::AgentDecider;
using domain::CustomerDecider;
using CustomerReply = actors::EntityReply<CustomerDecider>;

auto CustomerViewOf(const std::string& id) {
  return [id](const CustomerReply& r) { return CustomerView(id, r.state); };
}

bool MaySeeCustomer(const Principal& p, const std::string& id) {
  return p.role != Role::kCustomer || p.subject == id;
}

}  // namespace

void AddCustomerRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("PUT", "/api/v1/customers/{id}",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               const std::string id = params["id"];
               if (!MaySeeCustomer(caller, id)) return respond(NotFoundResponse("customer"));
               if (auto s = actors::ValidateId(id, "customer id"); !s.ok()) {
                 return respond(ErrorResponse(422, "invalid_id", s.message(), "id"));
               }
               auto parsed = JsonBody::Parse(request.body,
                                             {"name", "phone", "email", "consent_in_app_calls"});
               if (auto* error = std::get_if<Response>(&parsed)) {
                 return respond(std::move(*error));
               }
               auto& body = std::get<JsonBody>(parsed);
               domain::RegisterCustomer command;
               body.String("name", &command.profile.name);
               body.String("phone", &command.profile.phone);
               body.String("email", &command.profile.email);
               body.Bool("consent_in_app_calls", &command.profile.consent_in_app_calls);
               if (body.error()) return respond(*body.error());
               CommandAndAnswer<CustomerDecider>(*context,
                                                 MakeCommand<CustomerDecider>(caller, id, command),
                                                 CustomerViewOf(id), std::move(respond));
             }));

  router.Add("GET", "/api/v1/customers/{id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               const std::string id = params["id"];
               if (!MaySeeCustomer(caller, id)) return respond(NotFoundResponse("customer"));
               context->runtime->Ask<CustomerDecider>(
                   MakeCommand<CustomerDecider>(caller, id, std::nullopt),
                   [id, respond](Result<CustomerReply> reply) {
                     if (reply.ok() && reply.value().status.ok() && !reply.value().state.exists) {
                       return respond(NotFoundResponse("customer"));
                     }
                     respond(ReplyResponse<CustomerDecider>(reply, 200, CustomerViewOf(id)));
                   });
             }));

  // An agent opened the lead: the agent's card comes from its own profile.
  router.Add(
      "POST", "/api/v1/customers/{id}/viewers",
      Guard(context, [context](const Principal& caller, Request request, PathParams params,
                               Responder respond) {
        const std::string id = params["id"];
        if (caller.role == Role::kCustomer) {
          return respond(ForbiddenResponse("only agents view customer profiles"));
        }
        auto parsed = JsonBody::Parse(request.body, {"agent_id"});
        if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
        std::string agent_id = caller.role == Role::kAgent ? caller.subject : "";
        std::get<JsonBody>(parsed).String("agent_id", &agent_id, /*required=*/agent_id.empty());
        if (auto& error = std::get<JsonBody>(parsed).error()) return respond(*error);
        if (!ActsAsAgent(caller, agent_id)) {
          return respond(ForbiddenResponse("an agent opens profiles as itself"));
        }
        context->runtime->Ask<AgentDecider>(
            MakeCommand<AgentDecider>(caller, agent_id, std::nullopt),
            [context, caller, id, agent_id,
             respond](Result<actors::EntityReply<AgentDecider>> agent) {
              if (!agent.ok()) return respond(FailureResponse(agent.status()));
              if (!agent.value().state.exists) return respond(NotFoundResponse("agent"));
              const auto& profile = agent.value().state.profile;
              domain::OpenCustomerProfile command{agent_id, profile.name, profile.avatar_url};
              CommandAndAnswer<CustomerDecider>(*context,
                                                MakeCommand<CustomerDecider>(caller, id, command),
                                                CustomerViewOf(id), respond);
            });
      }));

  router.Add("DELETE", "/api/v1/customers/{id}/viewers/{agent_id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               const std::string id = params["id"];
               const std::string agent_id = params["agent_id"];
               if (!ActsAsAgent(caller, agent_id)) {
                 return respond(ForbiddenResponse("an agent closes only its own view"));
               }
               CommandAndAnswer<CustomerDecider>(
                   *context,
                   MakeCommand<CustomerDecider>(caller, id, domain::CloseCustomerProfile{agent_id}),
                   CustomerViewOf(id), std::move(respond));
             }));
}

}  // namespace sb::http::api
