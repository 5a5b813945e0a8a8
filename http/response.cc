#include "http/response.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace sb::http {

Response JsonResponse(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view field) {
  boost::json::object error;
  error["code"] = code;
  error["message"] = message;
  if (field.empty()) {
    error["field"] = nullptr;
  } else {
    error["field"] = field;
  }
  boost::json::object body;
  body["error"] = std::move(error);
  return JsonResponse(status, body);
}

}  // namespace sb::http
