#include <boost/json.hpp>

#include "http/api/routes.h"

namespace sb::http::api {

void AddHealthRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("GET", "/healthz", [](Request, PathParams, Responder respond) {
    respond(JsonResponse(200, boost::json::object{{"status", "ok"}}));
  });
  router.Add("GET", "/readyz", [context](Request, PathParams, Responder respond) {
    if (!context->runtime->ready()) {
      return respond(ErrorResponse(503, "not_ready", "recovery is still running"));
    }
    if (auto status = context->runtime->recovery_status(); !status.ok()) {
      return respond(ErrorResponse(503, "recovery_failed", status.ToString()));
    }
    if (auto health = context->store->health(); !health.ok()) {
      return respond(ErrorResponse(503, "log_failed", health.ToString()));
    }
    respond(JsonResponse(200, boost::json::object{{"status", "ready"}}));
  });
}

}  // namespace sb::http::api
