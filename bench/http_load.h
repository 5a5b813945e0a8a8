// An HTTP load generator: N keep-alive connections, each sending the same kind of request
// back to back (one in flight per connection) for a fixed time, with per-request latency.
// For bench_http; Beast stays in http_load.cc.
#ifndef SWITCHBOARD_BENCH_HTTP_LOAD_H_
#define SWITCHBOARD_BENCH_HTTP_LOAD_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace sb::bench {

struct HttpLoadRequest {
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Authorization
  std::string content_type = "application/json";             // sent with a non-empty body
  // The body of each request, called once per request with its sequence number (0, 1, ...
  // across all connections, below HttpLoadOptions::max_requests if that is set). Empty function: no
  // body. Called on the generator's threads: must be thread-safe when HttpLoadOptions::threads > 1.
  std::function<std::string(uint64_t sequence)> make_body;
};

struct HttpLoadOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int connections = 64;
  std::chrono::duration<double> duration = std::chrono::seconds(10);
  int threads = 1;  // generator threads; on a 2-core box 1 leaves a core to the server
  // If non-zero, the run also ends once this many requests have been sent: for requests that
  // each need an entity of their own, so that none is answered for a lack of them.
  uint64_t max_requests = 0;
};

struct HttpLoadResult {
  uint64_t requests = 0;  // answered, whatever the status
  uint64_t errors = 0;    // failed connects, writes or reads (the connection reconnects)
  uint64_t non_2xx = 0;   // answered with a status outside 200..299
  double seconds = 0;     // from the start until the last connection finished
  double rate = 0;        // requests / seconds
  double p50_us = 0;      // latency of answered requests, write start to full answer
  double p99_us = 0;
};

// Runs the load. IOError when the host does not resolve or no connection can be opened at
// all; InvalidArgument for bad options. Requests still unanswered 5 s after `duration` are
// cut and count as errors.
Result<HttpLoadResult> RunHttpLoad(const HttpLoadOptions& options, const HttpLoadRequest& request);

}  // namespace sb::bench

#endif  // SWITCHBOARD_BENCH_HTTP_LOAD_H_
