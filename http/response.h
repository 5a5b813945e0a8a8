// Response: what a handler answers, and the two ways to build a JSON one. Every error the server
// sends, its own (400, 404, 413, ...) and the handlers', has the body ErrorResponse builds.
#ifndef SWITCHBOARD_HTTP_RESPONSE_H_
#define SWITCHBOARD_HTTP_RESPONSE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

namespace sb::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";  // sent only with a non-empty body
  std::string body;
  // Extra headers (e.g. Allow, WWW-Authenticate). The server adds Content-Length, Content-Type,
  // Server and Connection itself.
  std::vector<std::pair<std::string, std::string>> headers;
};

// `body` serialized with Boost.JSON.
Response JsonResponse(int status, const boost::json::value& body);

// {"error":{"code":"...","message":"...","field":null}} ("field" is the string when non-empty).
Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view field = {});

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_RESPONSE_H_
