// The audit API (issue 4 §2): an entity's events as the log recorded them, and its state at an
// instant, folded by the domain's own decider (projections/entity_history.h).
//
// A stream is named either whole, percent-encoded as one path segment
// (/api/v1/audit/streams/acme%2Fcall%2F<id>), or as {kind}/{id} with the tenant taken from the
// token (/api/v1/audit/call/<id>). Staff only (403 for agents and customers); a stream of
// another tenant answers 404, as if it did not exist. Reading the log blocks, so every answer is
// built on the API's blocking pool.
#include <boost/json.hpp>

#include <string>
#include <utility>
#include <variant>

#include "domain/time.h"
#include "http/api/guard.h"
#include "http/api/pool_answer.h"
#include "http/api/routes.h"
#include "projections/entity_history.h"

namespace sb::http::api {
namespace {

Response StreamNotFound(const std::string& stream) {
  return ErrorResponse(404, "stream_not_found", "no stream " + stream, "stream");
}

// The stream the caller may audit, or the refusal. Roles first (403), then names (400), then the
// tenant (404: another tenant's streams are not acknowledged to exist).
std::variant<projections::StreamName, Response> AuditableStream(const Principal& caller,
                                                                const std::string& stream) {
  if (!IsStaff(caller)) return ForbiddenResponse("audits are for admins and supervisors");
  auto name = projections::ParseStreamName(stream);
  if (!name.ok()) return ErrorResponse(400, "invalid_stream", name.status().message(), "stream");
  if (name->tenant != caller.tenant) return StreamNotFound(stream);
  return std::move(name).value();
}

boost::json::value ParsedJson(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return boost::json::value(text);  // the store validates payloads; show what is there
  return v;
}

Response TimelineAnswer(const es::EventStore& store, const std::string& stream) {
  auto history = projections::ReadHistory(store, stream);
  if (!history.ok()) {
    if (history.status().IsNotFound()) return StreamNotFound(stream);
    return ErrorResponse(503, "unavailable", history.status().ToString());
  }
  boost::json::array events;
  events.reserve(history->size());
  for (const auto& e : history.value()) {
    events.push_back(boost::json::object{
        {"position", e.position},
        {"version", e.version},
        {"type", e.type},
        {"id", es::ToString(e.id)},
        {"timestamp", domain::FormatTimestamp(e.timestamp_us)},
        {"actor", e.actor},
        {"causation_id", e.causation_id},
        {"correlation_id", e.correlation_id},
        {"data", ParsedJson(e.payload)},
    });
  }
  return JsonResponse(200, boost::json::object{{"stream", stream}, {"events", std::move(events)}});
}

Response StateAnswer(const es::EventStore& store, const std::string& stream, domain::Timestamp at) {
  auto folded = projections::FoldStreamAt(store, stream, at);
  if (!folded.ok()) {
    const Status& s = folded.status();
    if (s.IsNotFound()) return StreamNotFound(stream);
    if (s.IsInvalidArgument()) return ErrorResponse(422, "unsupported_kind", s.message(), "stream");
    return ErrorResponse(503, "unavailable", s.ToString());
  }
  const projections::StateAt& s = folded.value();
  boost::json::object body{
      {"stream", s.stream},   {"at", domain::FormatTimestamp(s.at)},
      {"version", s.version}, {"position", s.position},
      {"timestamp", nullptr}, {"state", ParsedJson(s.state_json)},
  };
  if (s.version != 0) body["timestamp"] = domain::FormatTimestamp(s.timestamp);
  return JsonResponse(200, body);
}

void AnswerTimeline(std::shared_ptr<const ApiContext> context, const Principal& caller,
                    const std::string& stream, Responder respond) {
  auto checked = AuditableStream(caller, stream);
  if (auto* refusal = std::get_if<Response>(&checked)) return respond(std::move(*refusal));
  AnswerOnPool(*context, std::move(respond),
               [context, stream] { return TimelineAnswer(*context->store, stream); });
}

void AnswerState(std::shared_ptr<const ApiContext> context, const Principal& caller,
                 const Request& request, const std::string& stream, Responder respond) {
  auto checked = AuditableStream(caller, stream);
  if (auto* refusal = std::get_if<Response>(&checked)) return respond(std::move(*refusal));
  auto at_text = request.Query("at");
  if (!at_text || at_text->empty()) {
    return respond(ErrorResponse(422, "field_required",
                                 "at is required: an RFC 3339 instant or microseconds since the "
                                 "epoch",
                                 "at"));
  }
  auto at = projections::ParseInstant(*at_text);
  if (!at.ok()) return respond(ErrorResponse(400, "invalid_at", at.status().message(), "at"));
  AnswerOnPool(*context, std::move(respond), [context, stream, at = at.value()] {
    return StateAnswer(*context->store, stream, at);
  });
}

}  // namespace

void AddAuditRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  // The whole name as one segment: the router splits the raw path before decoding, so %2F
  // stays inside {stream}.
  router.Add("GET", "/api/v1/audit/streams/{stream}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               AnswerTimeline(context, caller, params["stream"], std::move(respond));
             }));
  router.Add("GET", "/api/v1/audit/streams/{stream}/state",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               AnswerState(context, caller, request, params["stream"], std::move(respond));
             }));
  // The same with the tenant from the token. "streams" is never a kind, and its literal
  // segment makes the routes above the more specific match.
  router.Add("GET", "/api/v1/audit/{kind}/{id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               AnswerTimeline(context, caller,
                              caller.tenant + "/" + params["kind"] + "/" + params["id"],
                              std::move(respond));
             }));
  router.Add("GET", "/api/v1/audit/{kind}/{id}/state",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               AnswerState(context, caller, request,
                           caller.tenant + "/" + params["kind"] + "/" + params["id"],
                           std::move(respond));
             }));
}

}  // namespace sb::http::api
