// One WebSocket connection after an accepted upgrade: text frames in to the application's
// WebSocketSession, a bounded strand-serialized queue of frames out. Internal to http/.
#ifndef SWITCHBOARD_HTTP_WEBSOCKET_SESSION_H_
#define SWITCHBOARD_HTTP_WEBSOCKET_SESSION_H_

#include <chrono>
#include <memory>
#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/request.h"
#include "http/server.h"
#include "http/server_shared.h"

namespace sb::http {

struct UpgradeRequest {
  boost::beast::http::request<boost::beast::http::string_body> message;  // for the handshake
  Request request;                                                       // for on_response
  std::chrono::steady_clock::time_point start;                           // when it was read
};

// Completes the handshake on `stream` (which has no operation pending), then serves `app`.
void StartWebSocketSession(boost::beast::tcp_stream stream, UpgradeRequest upgrade,
                           std::shared_ptr<WebSocketSession> app,
                           std::shared_ptr<ServerShared> shared);

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_WEBSOCKET_SESSION_H_
