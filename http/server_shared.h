// What the listener and every connection of one Server share. Internal to http/.
#ifndef SWITCHBOARD_HTTP_SERVER_SHARED_H_
#define SWITCHBOARD_HTTP_SERVER_SHARED_H_

#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "http/connection_registry.h"
#include "http/router.h"
#include "http/server.h"

namespace sb::http {

// The io_context, owned through a shared_ptr by the Server and by everything a foreign thread
// may post through (Responders, WebSocket peers): a CAF worker that answers after the Server
// is gone posts into a stopped but still existing context instead of a destroyed one.
// Connections themselves never own it (that would be a cycle through the context's queue).
struct IoCore {
  explicit IoCore(int threads) : ioc(threads) {}
  boost::asio::io_context ioc;
};

struct ServerShared {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  std::map<std::string, WebSocketAcceptor, std::less<>> websockets;  // by exact path
  std::weak_ptr<IoCore> core;
  ConnectionRegistry registry;
};

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_SERVER_SHARED_H_
