#include "http/api/read_model_query.h"

#include <charconv>
#include <chrono>

#include <boost/json.hpp>

#include "http/api/answers.h"
#include "http/api/pool_answer.h"
#include "projections/entity_history.h"

namespace sb::http::api {

Result<std::optional<uint64_t>> UintParam(const Request& request, const char* name) {
  auto text = request.Query(name);
  if (!text) return std::optional<uint64_t>();
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size()) {
    return Status::InvalidArgument(std::string(name) + " must be a non-negative integer");
  }
  return std::optional<uint64_t>(value);
}

Result<std::optional<domain::Timestamp>> InstantParam(const Request& request, const char* name) {
  auto text = request.Query(name);
  if (!text) return std::optional<domain::Timestamp>();
  auto parsed = projections::ParseInstant(*text);
  if (!parsed.ok())
    return Status::InvalidArgument(std::string(name) + ": " + parsed.status().message());
  return std::optional<domain::Timestamp>(*parsed);
}

Response InvalidQuery(const Status& status, const char* field) {
  return ErrorResponse(400, "invalid_query", status.message(), field);
}

Response ProjectionBehind(const std::string& source, uint64_t reached, uint64_t wanted) {
  Response behind = ErrorResponse(503, "projection_behind",
                                  source + " has reached position " + std::to_string(reached) +
                                      ", not yet " + std::to_string(wanted),
                                  "min_position");
  behind.headers.emplace_back("Retry-After", "1");
  return behind;
}

void AnswerFromModel(std::shared_ptr<const ApiContext> context, const std::string& projection,
                     const Request& request, Responder respond, ModelQuery query) {
  auto min_position = UintParam(request, "min_position");
  if (!min_position.ok()) return respond(InvalidQuery(min_position.status(), "min_position"));
  AnswerOnPool(*context, std::move(respond),
               [context, projection, min = min_position->value_or(0),
                query = std::move(query)]() -> Response {
                 auto& engine = *context->projections;
                 const auto wait = std::chrono::milliseconds(context->settings.max_query_wait_ms);
                 if (min > 0 && !engine.WaitFor(projection, min, wait)) {
                   return ProjectionBehind(projection, engine.Position(projection), min);
                 }
                 auto model = engine.Reader(projection);
                 if (!model)
                   return FailureResponse(Status::NotFound("no projection " + projection));
                 // Read first: the answer reflects at least this much of the log.
                 const uint64_t position = engine.Position(projection);
                 auto answer = query(*model);
                 if (auto* error = std::get_if<Response>(&answer)) return std::move(*error);
                 auto& body = std::get<boost::json::object>(answer);
                 body["position"] = position;
                 return JsonResponse(200, body);
               });
}

}  // namespace sb::http::api
