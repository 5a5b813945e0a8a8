// Click-to-call (seed 001 paths) and the customer console's answers.
//
// Who may do what: staff (admin, supervisor) anything in their tenant; an agent initiates as
// itself and acts on its own calls; a customer sees, accepts, rejects and hangs up its own
// calls. A call the caller may not see answers 404, as if it did not exist. The status API
// drives only mock calls: live ones are driven by the customer console or by the provider's
// webhooks. A PSTN call is live when the tenant has an active provider (or the request names
// one): it is dialed by CallDialing after the 201.
#include <boost/json.hpp>

#include "domain/call_decider.h"
#include "domain/compliance/caller_id_choice.h"
#include "domain/compliance/outbound_check.h"
#include "domain/compliance/recording_consent.h"
#include "http/api/call_dialing.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/policy_lookup.h"
#include "http/api/routes.h"
#include "http/api/views.h"

namespace sb::http::api {
namespace {

using domain::CallDecider;
using domain::CallState;
using CallReply = actors::EntityReply<CallDecider>;

bool MaySee(const Principal& p, const CallState& call) {
  if (IsStaff(p)) return true;
  if (p.role == Role::kAgent) return call.agent_id == p.subject;
  return call.lead_id == p.subject;
}

auto CallViewOf(const std::string& id) {
  return [id](const CallReply& r) { return CallView(id, r.state); };
}

// Loads the call, checks that the caller may see it and that `allowed` holds, then runs
// `then` (on an actor thread).
void WithCall(const ApiContext& context, const Principal& caller, const std::string& id,
              std::function<std::optional<Response>(const CallState&)> allowed,
              std::function<void(const CallState&)> then, Responder respond) {
  context.runtime->Ask<CallDecider>(MakeCommand<CallDecider>(caller, id, std::nullopt),
                                    [caller, allowed, then, respond](Result<CallReply> reply) {
                                      if (!reply.ok())
                                        return respond(FailureResponse(reply.status()));
                                      if (!reply.value().status.ok())
                                        return respond(FailureResponse(reply.value().status));
                                      const CallState& call = reply.value().state;
                                      if (!call.exists || !MaySee(caller, call))
                                        return respond(NotFoundResponse("call"));
                                      if (auto refusal = allowed(call))
                                        return respond(std::move(*refusal));
                                      then(call);
                                    });
}

std::optional<Response> Anyone(const CallState&) { return std::nullopt; }

template <class Command>
void CommandCall(std::shared_ptr<const ApiContext> context, const Principal& caller,
                 const std::string& id,
                 std::function<std::optional<Response>(const CallState&)> allowed, Command command,
                 Responder respond) {
  WithCall(
      *context, caller, id, std::move(allowed),
      [context, caller, id, command, respond](const CallState&) {
        CommandAndAnswer<CallDecider>(
            *context, MakeCommand<CallDecider>(caller, id, CallDecider::Command{command}),
            CallViewOf(id), respond);
      },
      respond);
}

std::optional<Response> OnlyItsAgent(const Principal& caller) {
  if (caller.role == Role::kCustomer) return ForbiddenResponse("only the call's agent may");
  return std::nullopt;
}

domain::Timestamp Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const char* RecordingName(domain::RecordingConsent consent) {
  switch (consent) {
    case domain::RecordingConsent::kDisabled:
      return "disabled";
    case domain::RecordingConsent::kConsentRequired:
      return "consent_required";
    case domain::RecordingConsent::kAnnounced:
      return "announced";
  }
  return "";
}

void InitiateChecked(std::shared_ptr<const ApiContext> context, const std::string& tenant,
                     actors::ClickToCallRequest c2c,
                     std::vector<providers::DialCandidate> candidates, Responder respond);

void Initiate(std::shared_ptr<const ApiContext> context, const Principal& caller, Request request,
              Responder respond) {
  if (caller.role == Role::kCustomer) {
    return respond(ForbiddenResponse("customers cannot initiate calls"));
  }
  auto parsed = JsonBody::Parse(request.body, {"to_phone", "phone_type", "lead_id", "agent_id",
                                               "contact_name", "contact_email", "campaign_id",
                                               "metadata", "provider_id", "caller_id_profile_id"});
  if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
  auto& body = std::get<JsonBody>(parsed);
  actors::ClickToCallRequest c2c;
  c2c.tenant = caller.tenant;
  auto& call = c2c.call;
  body.String("to_phone", &call.to_phone);
  body.String("phone_type", &call.phone_type);
  body.String("lead_id", &call.lead_id);
  body.String("agent_id", &call.agent_id);
  body.String("contact_name", &call.contact_name);
  body.String("contact_email", &call.contact_email);
  body.String("campaign_id", &call.campaign_id);
  body.ObjectText("metadata", &call.metadata);
  body.String("provider_id", &call.provider_id);
  std::string caller_id_profile;
  body.String("caller_id_profile_id", &caller_id_profile);
  if (body.error()) return respond(*body.error());
  auto candidates = CallDialing::Candidates(*context->providers, caller.tenant, call.provider_id);
  if (!candidates.ok()) {
    const bool missing = candidates.status().code() == Status::Code::kNotFound;
    return respond(ErrorResponse(422, missing ? "provider_not_found" : "provider_inactive",
                                 candidates.status().message(), "provider_id"));
  }
  c2c.pstn_live = !candidates->empty();
  if (c2c.pstn_live) call.from_phone = candidates->front().config.phone_number;
  if (call.agent_id.empty() && caller.role == Role::kAgent) call.agent_id = caller.subject;
  if (!ActsAsAgent(caller, call.agent_id)) {
    return respond(ForbiddenResponse("an agent initiates calls as itself"));
  }
  c2c.meta.actor = ActorOf(caller);
  c2c.meta.causation_id = request.Header("x-request-id").value_or("");
  // The calling policy first: a blocked number or a call outside calling hours writes nothing.
  const domain::CallingPolicyState policy = PolicyOf(*context, caller.tenant);
  if (auto refused = domain::CheckOutboundCall(policy, call.to_phone, Now())) {
    return respond(RejectionResponse(*refused));
  }
  auto caller_id = domain::ChooseCallerId(policy, caller_id_profile);
  if (caller_id.rejection) return respond(RejectionResponse(*caller_id.rejection));
  if (caller_id.profile) call.from_phone = caller_id.profile->number;
  call.recording = RecordingName(domain::RecordingConsentFor(policy));
  InitiateChecked(context, caller.tenant, std::move(c2c), std::move(*candidates),
                  std::move(respond));
}

void InitiateChecked(std::shared_ptr<const ApiContext> context, const std::string& tenant,
                     actors::ClickToCallRequest c2c,
                     std::vector<providers::DialCandidate> candidates, Responder respond) {
  context->runtime->InitiateClickToCall(
      std::move(c2c), [context, tenant, candidates = std::move(candidates),
                       respond = std::move(respond)](actors::ClickToCallResult result) mutable {
        if (!result.status.ok()) return respond(FailureResponse(result.status));
        if (result.rejection) return respond(RejectionResponse(*result.rejection));
        if (result.call.channel == domain::CallChannel::kPstn &&
            result.call.mode == domain::CallMode::kLive) {
          context->dialing->Start(tenant, result.call_id, result.call, std::move(candidates));
        }
        boost::json::object body;
        body["success"] = true;
        body["session"] = CallView(result.call_id, result.call);
        respond(JsonResponse(201, body));
      });
}

}  // namespace

void AddCallRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("POST", "/api/v1/click-to-call/initiate",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               Initiate(context, caller, std::move(request), std::move(respond));
             }));

  router.Add("GET", "/api/v1/click-to-call/sessions/{id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               const std::string id = params["id"];
               WithCall(
                   *context, caller, id, Anyone,
                   [id, respond](const CallState& call) {
                     respond(JsonResponse(200, CallView(id, call)));
                   },
                   respond);
             }));

  router.Add("PATCH", "/api/v1/click-to-call/sessions/{id}/status",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               auto parsed = JsonBody::Parse(request.body, {"status", "reason"});
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               auto& body = std::get<JsonBody>(parsed);
               std::string status_text;
               domain::SetCallStatus command;
               body.String("status", &status_text, /*required=*/true);
               body.String("reason", &command.reason);
               if (body.error()) return respond(*body.error());
               auto status = domain::ParseCallStatus(status_text);
               if (!status) {
                 return respond(ErrorResponse(
                     422, "invalid_status", "unknown call status '" + status_text + "'", "status"));
               }
               command.status = *status;
               CommandCall(
                   context, caller, params["id"],
                   [caller](const CallState& call) -> std::optional<Response> {
                     if (auto refusal = OnlyItsAgent(caller)) return refusal;
                     if (call.mode != domain::CallMode::kMock) {
                       return ErrorResponse(
                           409, "not_mock",
                           "only mock calls are driven by the status API; live calls "
                           "are driven by the console or the provider");
                     }
                     return std::nullopt;
                   },
                   command, std::move(respond));
             }));

  router.Add("POST", "/api/v1/click-to-call/sessions/{id}/end",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               auto parsed = JsonBody::Parse(request.body, {"reason"});
               if (auto* error = std::get_if<Response>(&parsed)) {
                 return respond(std::move(*error));
               }
               domain::EndCall command;
               std::get<JsonBody>(parsed).String("reason", &command.reason);
               if (auto& error = std::get<JsonBody>(parsed).error()) return respond(*error);
               // Either party hangs up: the agent, or the customer on its own call.
               CommandCall(context, caller, params["id"], Anyone, command, std::move(respond));
             }));

  router.Add("POST", "/api/v1/click-to-call/sessions/{id}/outcome",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               auto parsed = JsonBody::Parse(request.body, {"outcome", "notes", "follow_up_at"});
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               auto& body = std::get<JsonBody>(parsed);
               std::string outcome_text;
               domain::RecordCallOutcome command;
               body.String("outcome", &outcome_text, /*required=*/true);
               body.String("notes", &command.notes);
               body.Time("follow_up_at", &command.follow_up_at);
               if (body.error()) return respond(*body.error());
               auto outcome = domain::ParseCallOutcome(outcome_text);
               if (!outcome) {
                 return respond(ErrorResponse(
                     422, "invalid_outcome",
                     "outcome must be one of Ordered, Follow-up, Not Interested, Price Issue, "
                     "No Response",
                     "outcome"));
               }
               command.outcome = *outcome;
               CommandCall(
                   context, caller, params["id"],
                   [caller](const CallState&) { return OnlyItsAgent(caller); }, command,
                   std::move(respond));
             }));

  auto customer_answer = [context](bool accept) {
    return Guard(context, [context, accept](const Principal& caller, Request request,
                                            PathParams params, Responder respond) {
      auto parsed = JsonBody::Parse(request.body, {"reason"});
      if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
      std::string reason;
      std::get<JsonBody>(parsed).String("reason", &reason);
      if (auto& error = std::get<JsonBody>(parsed).error()) return respond(*error);
      auto only_customer = [caller](const CallState&) -> std::optional<Response> {
        if (caller.role != Role::kCustomer) {
          return ForbiddenResponse("only the called customer answers a call request");
        }
        return std::nullopt;
      };
      if (accept) {
        CommandCall(context, caller, params["id"], only_customer, domain::AcceptCall{},
                    std::move(respond));
      } else {
        CommandCall(context, caller, params["id"], only_customer, domain::RejectCall{reason},
                    std::move(respond));
      }
    });
  };
  router.Add("POST", "/api/v1/calls/{id}/accept", customer_answer(true));
  router.Add("POST", "/api/v1/calls/{id}/reject", customer_answer(false));
}

}  // namespace sb::http::api
