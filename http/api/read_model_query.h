// Answering a request from a read model: off the I/O thread, after the model has caught up
// with the position the caller asks for (read-your-writes), and saying which position the
// answer reflects.
#ifndef SWITCHBOARD_HTTP_API_READ_MODEL_QUERY_H_
#define SWITCHBOARD_HTTP_API_READ_MODEL_QUERY_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <boost/json/object.hpp>

#include "domain/result.h"
#include "domain/time.h"
#include "http/api/api_context.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace sb::http::api {

// Builds the answer's JSON object from the model (`position`: the last log position it
// reflects, added to the answer as "position"), or an error Response.
using ModelAnswer = std::variant<boost::json::object, Response>;
using ModelQuery = std::function<ModelAnswer(const projections::ModelReader& model)>;

// On the blocking pool: waits for `projection` to reach ?min_position= (400 invalid_query when
// malformed; 503 projection_behind, with Retry-After, when it does not within
// ApiSettings::max_query_wait_ms), then runs `query` and answers 200.
void AnswerFromModel(std::shared_ptr<const ApiContext> context, const std::string& projection,
                     const Request& request, Responder respond, ModelQuery query);

// Query-string parameters (instants: RFC 3339 or µs since the epoch, as ParseInstant reads
// them). Each answers 400 invalid_query naming the parameter when present
// but malformed; nullopt when absent.
Result<std::optional<uint64_t>> UintParam(const Request& request, const char* name);
Result<std::optional<domain::Timestamp>> InstantParam(const Request& request, const char* name);
// The 400 for a Status from the helpers above (its message names the parameter).
Response InvalidQuery(const Status& status, const char* field);
// The 503 projection_behind (with Retry-After) for a ?min_position= not reached in time:
// `source` (a projection, the router) has folded the log up to `reached`, not yet `wanted`.
Response ProjectionBehind(const std::string& source, uint64_t reached, uint64_t wanted);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_READ_MODEL_QUERY_H_
