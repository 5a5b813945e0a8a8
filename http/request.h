// Request: one HTTP request as the router and handlers see it, detached from Beast so that
// handlers (and their tests) need no networking headers.
#ifndef SWITCHBOARD_HTTP_REQUEST_H_
#define SWITCHBOARD_HTTP_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::http {

struct Request {
  std::string method;  // as sent; HTTP methods are upper-case ("GET")
  std::string target;  // raw, e.g. "/api/v1/calls?since=5"
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;
  std::string remote;  // "ip:port" of the peer

  // The first header named `lower_name` (case-insensitive), if any.
  std::optional<std::string> Header(std::string_view lower_name) const;
  // The first query parameter named `name` (exact), if any.
  std::optional<std::string> Query(std::string_view name) const;
};

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_REQUEST_H_
