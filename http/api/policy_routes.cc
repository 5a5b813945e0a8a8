// The tenant's calling policy (issue 5 §4), admin only for changes, staff for reads:
//   GET  /api/v1/calling-policy                 everything: lists, caller IDs, hours, settings
//   PUT  /api/v1/calling-policy                 {calling_hours:{enabled, utc_offset_minutes,
//                                               windows:[{day, start_minute, end_minute}]},
//                                               recording, vip_priority_boost}
//   GET  /api/v1/number-lists?list=             the listed numbers (one list, or all)
//   POST /api/v1/number-lists                   {number, list: allow|block|vip|spam, reason}
//   DELETE /api/v1/number-lists/{number}        (the number percent-encoded: %2B for '+')
//   PUT  /api/v1/caller-ids/{id}                {number, display_name, is_default}
//   DELETE /api/v1/caller-ids/{id}
#include <boost/json.hpp>

#include "domain/compliance/policy_decider.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/policy_lookup.h"
#include "http/api/routes.h"

namespace sb::http::api {
namespace {

using domain::CallingPolicyDecider;
using PolicyReply = actors::EntityReply<CallingPolicyDecider>;

boost::json::object PolicyView(const PolicyReply& r) {
  auto state = boost::json::parse(CallingPolicyDecider::EncodeState(r.state)).as_object();
  state["version"] = r.version;
  return state;
}

// The policy is one stream per tenant, so its first event is no sign of a new resource: a
// change answers `ok_status` whatever came before (201 for a number added, 200 otherwise).
void Change(const ApiContext& context, const Principal& caller, domain::CallingPolicyCommand c,
            Responder respond, int ok_status = 200) {
  context.runtime->Ask<CallingPolicyDecider>(
      MakeCommand<CallingPolicyDecider>(caller, domain::kCallingPolicyId, std::move(c)),
      [&context, tenant = caller.tenant, ok_status,
       respond = std::move(respond)](Result<PolicyReply> reply) {
        if (reply.ok() && reply.value().ok()) {
          RememberPolicy(context, tenant, reply.value().version, reply.value().state);
        }
        Response response = ReplyResponse<CallingPolicyDecider>(reply, ok_status, PolicyView);
        if (response.status == 200 || response.status == 201) response.status = ok_status;
        respond(std::move(response));
      });
}

// Reads the windows of a calling_hours object; the first problem is the response.
std::optional<Response> ReadHours(const std::string& text, domain::SetCallingHours* hours) {
  auto parsed = JsonBody::Parse(text, {"enabled", "utc_offset_minutes", "windows"});
  if (auto* error = std::get_if<Response>(&parsed)) return std::move(*error);
  auto& body = std::get<JsonBody>(parsed);
  int64_t offset = 0;
  std::string windows = "[]";
  body.Bool("enabled", &hours->enabled);
  body.Int("utc_offset_minutes", &offset);
  body.ArrayText("windows", &windows);
  if (body.error()) return body.error();
  if (offset < -24 * 60 || offset > 24 * 60) {
    return ErrorResponse(422, "invalid_utc_offset", "utc_offset_minutes out of range",
                         "utc_offset_minutes");
  }
  hours->utc_offset_minutes = static_cast<int>(offset);
  const boost::json::value parsed_windows = boost::json::parse(windows);
  for (const auto& item : parsed_windows.as_array()) {
    auto window = JsonBody::Parse(boost::json::serialize(item.is_object() ? item : nullptr),
                                  {"day", "start_minute", "end_minute"});
    if (auto* error = std::get_if<Response>(&window)) return std::move(*error);
    auto& w = std::get<JsonBody>(window);
    domain::CallingWindowSpec spec;
    int64_t start = 0, end = 0;
    w.String("day", &spec.day, true);
    w.Int("start_minute", &start, true);
    w.Int("end_minute", &end, true);
    if (w.error()) return w.error();
    spec.start_minute = static_cast<int>(std::clamp<int64_t>(start, -1, 100000));
    spec.end_minute = static_cast<int>(std::clamp<int64_t>(end, -1, 100000));
    hours->windows.push_back(std::move(spec));
  }
  return std::nullopt;
}

}  // namespace

void AddPolicyRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  auto admin_only = [context](auto handler) {
    return Guard(context, [context, handler](const Principal& caller, Request request,
                                             PathParams params, Responder respond) {
      if (caller.role != Role::kAdmin) {
        return respond(ForbiddenResponse("the calling policy is changed by admins"));
      }
      handler(caller, std::move(request), std::move(params), std::move(respond));
    });
  };
  auto read = [context](const Principal& caller, Request, PathParams, Responder respond) {
    if (!IsStaff(caller)) return respond(ForbiddenResponse("staff only"));
    context->runtime->Ask<CallingPolicyDecider>(
        MakeCommand<CallingPolicyDecider>(caller, domain::kCallingPolicyId, std::nullopt),
        [respond](Result<PolicyReply> reply) {
          respond(ReplyResponse<CallingPolicyDecider>(reply, 200, PolicyView));
        });
  };
  router.Add("GET", "/api/v1/calling-policy", Guard(context, read));

  router.Add("PUT", "/api/v1/calling-policy",
             admin_only([context](const Principal& caller, Request request, PathParams,
                                  Responder respond) {
               auto parsed = JsonBody::Parse(request.body,
                                             {"calling_hours", "recording", "vip_priority_boost"});
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               auto& body = std::get<JsonBody>(parsed);
               std::string hours_text, recording;
               int64_t boost = -1;
               body.ObjectText("calling_hours", &hours_text);
               body.String("recording", &recording);
               body.Int("vip_priority_boost", &boost);
               if (body.error()) return respond(*body.error());
               // Both parts are checked before either is written, so a bad body changes nothing.
               std::optional<domain::SetCallingHours> hours;
               if (!hours_text.empty()) {
                 hours.emplace();
                 if (auto bad = ReadHours(hours_text, &*hours)) return respond(std::move(*bad));
               }
               const domain::CallingPolicyState current = PolicyOf(*context, caller.tenant);
               const bool settings = !recording.empty() || boost >= 0;
               domain::ConfigurePolicy configure{
                   recording.empty() ? domain::ToString(current.settings.recording) : recording,
                   boost >= 0 ? static_cast<int>(std::min<int64_t>(boost, 100000))
                              : current.settings.vip_priority_boost};
               if (!hours) return Change(*context, caller, configure, std::move(respond));
               if (!settings) return Change(*context, caller, *hours, std::move(respond));
               // Both: the settings are checked before the hours are written, then written after.
               if (auto dry = CallingPolicyDecider::Decide(current, configure, 0);
                   domain::IsRejected(dry)) {
                 return respond(RejectionResponse(domain::RejectionOf(dry)));
               }
               Change(*context, caller, *hours,
                      [context, caller, configure, respond](Response hours_written) {
                        if (hours_written.status != 200) return respond(std::move(hours_written));
                        Change(*context, caller, configure, respond);
                      });
             }));

  router.Add(
      "GET", "/api/v1/number-lists",
      Guard(context, [context](const Principal& caller, Request request, PathParams,
                               Responder respond) {
        if (!IsStaff(caller)) return respond(ForbiddenResponse("staff only"));
        const std::string list = request.Query("list").value_or("");
        if (!list.empty() && !domain::ParseNumberList(list)) {
          return respond(
              ErrorResponse(400, "invalid_list", "list must be allow, block, vip or spam", "list"));
        }
        context->runtime->Ask<CallingPolicyDecider>(
            MakeCommand<CallingPolicyDecider>(caller, domain::kCallingPolicyId, std::nullopt),
            [list, respond](Result<PolicyReply> reply) {
              respond(ReplyResponse<CallingPolicyDecider>(reply, 200, [&](const PolicyReply& r) {
                boost::json::array numbers;
                const auto wanted = domain::ParseNumberList(list);
                for (const auto& [number, entry] : r.state.numbers) {
                  if (wanted && entry.list != *wanted) continue;
                  numbers.push_back(
                      boost::json::object{{"number", number},
                                          {"list", domain::ToString(entry.list)},
                                          {"reason", entry.reason},
                                          {"added_at", domain::FormatTimestamp(entry.added_at)}});
                }
                return boost::json::object{{"total", numbers.size()},
                                           {"numbers", std::move(numbers)}};
              }));
            });
      }));

  router.Add("POST", "/api/v1/number-lists",
             admin_only([context](const Principal& caller, Request request, PathParams,
                                  Responder respond) {
               auto parsed = JsonBody::Parse(request.body, {"number", "list", "reason"});
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               auto& body = std::get<JsonBody>(parsed);
               domain::AddNumber add;
               body.String("number", &add.number, true);
               body.String("list", &add.list, true);
               body.String("reason", &add.reason);
               if (body.error()) return respond(*body.error());
               Change(*context, caller, std::move(add), std::move(respond), 201);
             }));

  router.Add(
      "DELETE", "/api/v1/number-lists/{number}",
      admin_only([context](const Principal& caller, Request, PathParams params, Responder respond) {
        Change(*context, caller, domain::RemoveNumber{params["number"]}, std::move(respond));
      }));

  router.Add(
      "PUT", "/api/v1/caller-ids/{id}",
      admin_only([context](const Principal& caller, Request request, PathParams params,
                           Responder respond) {
        auto parsed = JsonBody::Parse(request.body, {"number", "display_name", "is_default"});
        if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
        auto& body = std::get<JsonBody>(parsed);
        domain::UpsertCallerIdProfile upsert;
        upsert.profile_id = params["id"];
        body.String("number", &upsert.number, true);
        body.String("display_name", &upsert.display_name);
        body.Bool("is_default", &upsert.is_default);
        if (body.error()) return respond(*body.error());
        Change(*context, caller, std::move(upsert), std::move(respond));
      }));

  router.Add(
      "DELETE", "/api/v1/caller-ids/{id}",
      admin_only([context](const Principal& caller, Request, PathParams params, Responder respond) {
        Change(*context, caller, domain::RemoveCallerIdProfile{params["id"]}, std::move(respond));
      }));
}

}  // namespace sb::http::api
