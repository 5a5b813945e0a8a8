// HttpClient: a small synchronous HTTP/1.1 client for integration tests over real sockets.
// Beast stays in http_client.cc; tests include only this.
#ifndef SWITCHBOARD_TESTS_SUPPORT_HTTP_CLIENT_H_
#define SWITCHBOARD_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

#include "domain/result.h"

namespace sb::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  int status = 0;
  std::string body;
  HeaderList headers;  // names as the server sent them

  // The first header with this name, compared ignoring case.
  std::optional<std::string> Header(std::string_view name) const;
  // The body parsed as JSON. Throws on bad JSON (test-only convenience).
  boost::json::value Json() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One request on the kept-alive connection (connecting first if there is none). A request
  // that fails on a reused connection the server has meanwhile closed is retried once on a new
  // one. The connection is dropped after a `Connection: close` answer or any error. Content-Type
  // is sent only with a non-empty body. IOError on connection or protocol failures (10 s limit).
  Result<HttpReply> Request(std::string method, std::string target, std::string body = {},
                            HeaderList headers = {}, std::string content_type = "application/json");

  // Sends `bytes` as they are on a new connection and returns everything the server sent until
  // it closed the connection or `timeout` passed (whatever arrived by then). IOError only when
  // the connection or the write fails.
  Result<std::string> Raw(const std::string& bytes,
                          std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // How many TCP connections this client has opened (keep-alive checks).
  int connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_HTTP_CLIENT_H_
