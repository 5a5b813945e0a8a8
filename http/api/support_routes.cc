// Seed 004's other ways work enters the call queue:
//   POST /api/customer/support-request   public (tenant from ?tenant= or X-Tenant-ID),
//       rate-limited per client address and per e-mail: a pending callback task in the
//       queue (?queue=, default "default"), which supervisors see as new-support-request.
//       The request itself (subject, description, who) is recorded in the log, in
//       `<tenant>/support/<id>`, and the task points at it.
//   POST /api/admin/customer-service/calls   staff: a call record made by hand (a returning
//       customer, a follow-up, manual logging). It is a mock call (no provider carries it);
//       an inbound one with no agent waits in a queue like a real caller.
#include <boost/json.hpp>

#include "domain/call_decider.h"
#include "domain/email.h"
#include "domain/phone.h"
#include "eventstore/event.h"
#include "http/api/answers.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/queue_intake.h"
#include "http/api/rate_limiter.h"
#include "http/api/routes.h"
#include "http/api/views.h"

namespace sb::http::api {
namespace {

using domain::CallDecider;

std::optional<int> PriorityOf(const std::string& text) {
  if (text.empty() || text == "normal" || text == "medium") return 0;
  if (text == "low") return -5;
  if (text == "high") return 5;
  if (text == "urgent") return 10;
  return std::nullopt;
}

std::string ClientAddress(const Request& request) {
  const auto colon = request.remote.rfind(':');
  return colon == std::string::npos ? request.remote : request.remote.substr(0, colon);
}

Response TooMany(std::chrono::seconds retry_after, const char* what) {
  Response r =
      ErrorResponse(429, "rate_limited",
                    std::string("too many support requests from ") + what + "; try again later");
  r.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
  return r;
}

struct Limits {
  Limits(int per_address_per_minute, int per_email_per_10_minutes)
      : per_address(per_address_per_minute, std::chrono::seconds(60)),
        per_email(per_email_per_10_minutes, std::chrono::seconds(600)) {}
  RateLimiter per_address;
  RateLimiter per_email;
};

void SupportRequest(std::shared_ptr<const ApiContext> context, Limits& limits, Request request,
                    Responder respond) {
  if (!context->runtime->ready()) {
    return respond(ErrorResponse(503, "not_ready", "recovery is still running"));
  }
  const std::string tenant =
      request.Query("tenant").value_or(request.Header("x-tenant-id").value_or(""));
  if (!actors::ValidateId(tenant, "tenant").ok()) {
    return respond(
        ErrorResponse(400, "tenant_required", "name the tenant with ?tenant=", "tenant"));
  }
  auto parsed = JsonBody::Parse(request.body, {"userId", "userEmail", "userName", "subject",
                                               "description", "priority", "phoneNumber"});
  if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
  auto& body = std::get<JsonBody>(parsed);
  std::string user_id, email, name, subject, description, priority_text, phone;
  body.String("userId", &user_id);
  body.String("userEmail", &email, true);
  body.String("userName", &name);
  body.String("subject", &subject);
  body.String("description", &description);
  body.String("priority", &priority_text);
  body.String("phoneNumber", &phone);
  if (body.error()) return respond(*body.error());
  if (!domain::IsPlausibleEmail(email)) {
    return respond(ErrorResponse(422, "invalid_email", "not an e-mail address", "userEmail"));
  }
  if (!phone.empty() && !domain::IsValidE164(phone)) {
    return respond(ErrorResponse(422, "invalid_phone", "phoneNumber must be E.164", "phoneNumber"));
  }
  auto priority = PriorityOf(priority_text);
  if (!priority) {
    return respond(ErrorResponse(422, "invalid_priority",
                                 "priority must be low, normal, high or urgent", "priority"));
  }
  if (subject.size() > 500 || description.size() > 10'000) {
    return respond(ErrorResponse(422, "too_long", "subject <= 500, description <= 10000 bytes",
                                 subject.size() > 500 ? "subject" : "description"));
  }
  const auto now = RateLimiter::Clock::now();
  std::chrono::seconds retry_after{0};
  if (!limits.per_address.Allow(tenant + "/" + ClientAddress(request), now, &retry_after)) {
    return respond(TooMany(retry_after, "this address"));
  }
  if (!limits.per_email.Allow(tenant + "/" + email, now, &retry_after)) {
    return respond(TooMany(retry_after, "this e-mail"));
  }

  const std::string id = es::ToString(es::NewEventId());
  es::EventData record;
  record.id = es::NewEventId();
  record.type = "SupportRequested";
  record.payload = boost::json::serialize(boost::json::object{{"user_id", user_id},
                                                              {"user_email", email},
                                                              {"user_name", name},
                                                              {"subject", subject},
                                                              {"description", description},
                                                              {"priority", priority_text},
                                                              {"phone_number", phone}});
  record.tenant = tenant;
  record.actor = "customer:" + (user_id.empty() ? email : user_id);
  const std::string queue_id = request.Query("queue").value_or(kDefaultQueueId);
  context->store->AppendAsync(
      tenant + "/support/" + id, es::ExpectedVersion::NoStream(), {std::move(record)},
      [=](const es::AppendResult& logged) {
        if (!logged.status.ok()) return respond(FailureResponse(logged.status));
        domain::EnqueueTask task;
        task.task_id = id;
        task.kind = domain::TaskKind::kCallback;
        task.caller_number = phone;
        task.customer_name = name;
        task.customer_email = email;
        task.priority = *priority;
        EnqueueCreatingQueue(
            context, tenant, queue_id, std::move(task),
            actors::CommandMeta{"customer:" + (user_id.empty() ? email : user_id), id, id},
            [=](Status status, std::optional<domain::Rejection> rejection) {
              if (!status.ok()) return respond(FailureResponse(status));
              if (rejection) return respond(RejectionResponse(*rejection));
              respond(JsonResponse(201, boost::json::object{{"success", true},
                                                            {"request_id", id},
                                                            {"queue_id", queue_id},
                                                            {"status", "pending"}}));
            });
      });
}

void ManualCall(std::shared_ptr<const ApiContext> context, const Principal& caller, Request request,
                Responder respond) {
  if (!IsStaff(caller)) return respond(ForbiddenResponse("staff only"));
  auto parsed =
      JsonBody::Parse(request.body, {"phone_number", "customer_name", "customer_email", "direction",
                                     "agent_id", "lead_id", "queue_id", "notes", "metadata"});
  if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
  auto& body = std::get<JsonBody>(parsed);
  domain::InitiateCall call;
  std::string direction = "inbound", notes, queue_id;
  body.String("phone_number", &call.to_phone, true);
  body.String("customer_name", &call.contact_name);
  body.String("customer_email", &call.contact_email);
  body.String("direction", &direction);
  body.String("agent_id", &call.agent_id);
  body.String("lead_id", &call.lead_id);
  body.String("queue_id", &queue_id);
  body.String("notes", &notes);
  body.ObjectText("metadata", &call.metadata);
  if (body.error()) return respond(*body.error());
  auto parsed_direction = domain::ParseCallDirection(direction);
  if (!parsed_direction) {
    return respond(ErrorResponse(422, "invalid_direction", "direction must be inbound or outbound",
                                 "direction"));
  }
  call.direction = *parsed_direction;
  call.channel = domain::CallChannel::kPstn;
  call.mode = domain::CallMode::kMock;
  call.phone_type = "MANUAL";
  const bool queued = call.direction == domain::CallDirection::kInbound && call.agent_id.empty();
  if (queued) call.queue_id = queue_id.empty() ? kDefaultQueueId : queue_id;
  if (!notes.empty()) {
    boost::system::error_code ec;
    auto metadata = boost::json::parse(call.metadata.empty() ? "{}" : call.metadata, ec);
    if (!ec && metadata.is_object()) {
      metadata.as_object()["notes"] = notes;
      call.metadata = boost::json::serialize(metadata);
    }
  }
  const std::string id = es::ToString(es::NewEventId());
  auto command = MakeCommand<CallDecider>(caller, id, call);
  command.new_stream = true;
  context->runtime->Ask<CallDecider>(
      std::move(command), [=](Result<actors::EntityReply<CallDecider>> reply) {
        auto answer = [id](const actors::EntityReply<CallDecider>& r) {
          return boost::json::object{{"success", true}, {"call", CallView(id, r.state)}};
        };
        if (!queued || !reply.ok() || !reply.value().ok()) {
          return respond(ReplyResponse<CallDecider>(reply, 201, answer));
        }
        domain::EnqueueTask task;
        task.task_id = id;
        task.call_id = id;
        task.kind = domain::TaskKind::kCall;
        task.caller_number = call.to_phone;
        task.customer_name = call.contact_name;
        task.customer_email = call.contact_email;
        EnqueueCreatingQueue(context, caller.tenant, call.queue_id, std::move(task),
                             actors::CommandMeta{ActorOf(caller), id, ""},
                             [=](Status status, std::optional<domain::Rejection> rejection) {
                               if (!status.ok()) return respond(FailureResponse(status));
                               if (rejection) return respond(RejectionResponse(*rejection));
                               respond(ReplyResponse<CallDecider>(reply, 201, answer));
                             });
      });
}

}  // namespace

void AddSupportRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  const auto& s = context->settings;
  auto limits =
      std::make_shared<Limits>(s.support_requests_per_address, s.support_requests_per_email);
  router.Add("POST", "/api/customer/support-request",
             [context, limits](Request request, PathParams, Responder respond) {
               SupportRequest(context, *limits, std::move(request), std::move(respond));
             });
  router.Add("POST", "/api/admin/customer-service/calls",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               ManualCall(context, caller, std::move(request), std::move(respond));
             }));
}

}  // namespace sb::http::api
