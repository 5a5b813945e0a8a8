// CountingAcceptor: wraps a WebSocketAcceptor so that its sessions are counted while open, for
// the switchboard_websocket_connections gauge. Internal to http/metrics.
//
// A session counts from its OnOpen to its OnClose (server.h calls OnClose exactly once after
// OnOpen); one refused by the acceptor, or whose handshake never completed, never counts.
// The counter is shared, so sessions may outlive the Metrics that made them.
#ifndef SWITCHBOARD_HTTP_METRICS_COUNTING_SESSION_H_
#define SWITCHBOARD_HTTP_METRICS_COUNTING_SESSION_H_

#include <atomic>
#include <cstdint>
#include <memory>

#include "http/server.h"

namespace sb::http::metrics {

WebSocketAcceptor CountingAcceptor(WebSocketAcceptor inner,
                                   std::shared_ptr<std::atomic<int64_t>> open);

}  // namespace sb::http::metrics

#endif  // SWITCHBOARD_HTTP_METRICS_COUNTING_SESSION_H_
