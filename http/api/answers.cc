#include "http/api/answers.h"

#include <boost/json.hpp>

#include <string>

namespace sb::http::api {

Response RejectionResponse(const domain::Rejection& rejection) {
  boost::json::object error;
  error["code"] = rejection.code;
  error["message"] = rejection.message;
  if (rejection.field.empty()) {
    error["field"] = nullptr;
  } else {
    error["field"] = rejection.field;
  }
  if (!rejection.holder.empty()) error["holder"] = rejection.holder;
  boost::json::object body;
  body["error"] = std::move(error);
  return JsonResponse(domain::HttpStatusOf(rejection.kind), body);
}

Response FailureResponse(const Status& status) {
  return ErrorResponse(503, "unavailable", status.ToString());
}

Response NotFoundResponse(const char* what) {
  return ErrorResponse(404, std::string(what) + "_not_found", std::string(what) + " not found");
}

}  // namespace sb::http::api
