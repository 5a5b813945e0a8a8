#include "http/api/guard.h"

#include <chrono>
#include <utility>
#include <variant>

namespace sb::http::api {

Handler Guard(std::shared_ptr<const ApiContext> context, GuardedHandler handler) {
  return [context = std::move(context), handler = std::move(handler)](
             Request request, PathParams params, Responder respond) {
    if (!context->runtime->ready()) {
      return respond(ErrorResponse(503, "not_ready", "recovery is still running"));
    }
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    auto who = Authenticate(request, *context->tokens, now, /*allow_query_token=*/false);
    if (auto* refusal = std::get_if<Response>(&who)) return respond(std::move(*refusal));
    handler(std::get<Principal>(who), std::move(request), std::move(params), std::move(respond));
  };
}

Response ForbiddenResponse(const std::string& message) {
  return ErrorResponse(403, "forbidden", message);
}

std::string ActorOf(const Principal& p) { return std::string(RoleName(p.role)) + ":" + p.subject; }

}  // namespace sb::http::api
