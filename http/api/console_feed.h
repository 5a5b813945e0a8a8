// ConsoleFeed: the `GET /ws` endpoint. Each connection is a subscription to the tenant's
// part of the log, from `?since=POSITION` (exclusive) or from now, turned into console frames
// (console_frames.h) for the caller. Reading and encoding run on a pool of their own, never on
// an I/O thread or the log's writer. A customer's open connection is its presence: opening
// connects it, closing (or a dead connection noticed by the heartbeat) disconnects it with the
// reconnect grace.
#ifndef SWITCHBOARD_HTTP_API_CONSOLE_FEED_H_
#define SWITCHBOARD_HTTP_API_CONSOLE_FEED_H_

#include <memory>

#include "http/api/api_context.h"
#include "http/server.h"

namespace sb::http::api {

class ConsoleFeed {
 public:
  explicit ConsoleFeed(std::shared_ptr<const ApiContext> context, int threads = 2);
  ~ConsoleFeed();  // joins the pool: stop the server first
  ConsoleFeed(const ConsoleFeed&) = delete;
  ConsoleFeed& operator=(const ConsoleFeed&) = delete;

  WebSocketAcceptor Acceptor();

  struct Shared;  // the pool and the call-parties cache, shared with live sessions

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_CONSOLE_FEED_H_
