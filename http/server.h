// Server: HTTP/1.1 (keep-alive, pipelining) and WebSocket over Boost.Beast, on a pool of I/O
// threads. Handlers are the Router's; WebSocket endpoints are registered with AddWebSocket.
// Beast and Asio stay behind the pimpl so that users of this header compile quickly.
//
// Guarantees:
//  - every request gets exactly one response, in request order per connection, including when
//    its Responder is called late from a foreign thread (the I/O threads stay up until Stop), or
//    is destroyed without being called (500 internal "request dropped");
//  - the server's own errors are ErrorResponse bodies: 400 bad_request (malformed HTTP, then
//    close), 413 payload_too_large (body over body_limit, then close), 431
//    headers_too_large (then close), and the Router's 404/405/415/500;
//  - no exception escapes into Asio: a throwing handler, acceptor or WebSocketSession is caught
//    (500 for HTTP, close code 1011 for WebSocket).
#ifndef SWITCHBOARD_HTTP_SERVER_H_
#define SWITCHBOARD_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "domain/status.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace sb::http {

struct ServerOptions {
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 literal
  uint16_t port = 8080;               // 0: the OS picks one (see Server::port())
  int threads = 2;                    // I/O threads running the io_context
  size_t body_limit = 1 << 20;        // request bodies and incoming WebSocket messages
  // Reading a request (from the first byte, or from the end of the previous response on an
  // idle keep-alive connection) and writing a response must each finish within this. Handlers
  // must answer within it too: the read of the connection's next request runs meanwhile, and
  // when it times out the connection closes, answered or not.
  std::chrono::seconds request_timeout{30};
  // A dead WebSocket peer is noticed within this: Beast pings at half of it and closes the
  // connection when nothing at all arrived for the whole of it.
  std::chrono::milliseconds ws_idle_timeout{10000};
  // Frames queued for one WebSocket client; beyond it the server closes that connection
  // (policy violation 1008) so a slow client reconnects with since= instead of growing memory.
  size_t ws_send_queue_limit = 4096;
  // Metrics hook, called on an I/O thread after each response is written (and with status 101
  // after each WebSocket handshake). `route` is Router::RouteLabel, the WebSocket path, or
  // "unmatched" for requests that never reached routing (malformed, too large). The Request
  // has no body. May be empty; must not block; exceptions are swallowed.
  std::function<void(const Request&, const std::string& route, int status, double seconds)>
      on_response;
};

// The server's side of one WebSocket connection, handed to the WebSocketSession.
class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;
  // Queues a text frame. Thread-safe, never blocks, frames go out in the order Send was called
  // (per calling thread). After close, or beyond ws_send_queue_limit (which closes the
  // connection with 1008), frames are dropped.
  virtual void Send(std::string text) = 0;
  // Starts a normal close (1000). Thread-safe.
  virtual void Close() = 0;
  // Unique per connection within the process.
  virtual std::string id() const = 0;
};

// The application's side of one WebSocket connection. Called on an I/O thread, one call at a
// time; must not block. Drop the peer in OnClose (holding it keeps the I/O context alive).
class WebSocketSession {
 public:
  virtual ~WebSocketSession() = default;
  virtual void OnOpen(std::shared_ptr<WebSocketPeer> peer) = 0;
  virtual void OnMessage(std::string text) = 0;
  // Exactly once, after OnOpen, whatever the cause (client close, dead peer, server stop).
  virtual void OnClose() = 0;
};

// Decides an upgrade: a session, or an error Response (e.g. 401) to send instead of upgrading
// (the connection closes after it). Runs on an I/O thread, must not block.
using WebSocketAcceptor =
    std::function<std::variant<std::shared_ptr<WebSocketSession>, Response>(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const Router> router);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // A `GET` with WebSocket upgrade headers whose decoded path is exactly `path` goes to
  // `acceptor`; any other request to `path` goes to the Router. Before Start.
  void AddWebSocket(std::string path, WebSocketAcceptor acceptor);

  // Binds, listens and starts the I/O threads. InvalidArgument for a bad address or options,
  // IOError when the port cannot be bound (e.g. in use), Failed when called twice.
  Status Start();

  // The bound port (after a successful Start), 0 before.
  uint16_t port() const;

  // Closes the listener and every connection (WebSocket clients get a 1001 close frame and
  // their sessions OnClose), then joins the I/O threads. A connection that does not finish
  // closing within a short grace is cut. Idempotent; the server cannot be started again.
  // Not from an I/O thread (a handler or session callback): it joins them.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_SERVER_H_
