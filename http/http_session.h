// One HTTP/1.1 connection: reads requests (a few ahead of their answers), routes them, and
// writes the answers in request order; hands the socket to a WebSocket session on an accepted
// upgrade. Internal to http/.
#ifndef SWITCHBOARD_HTTP_HTTP_SESSION_H_
#define SWITCHBOARD_HTTP_HTTP_SESSION_H_

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "http/server_shared.h"

namespace sb::http {

// `socket` was accepted on its own strand.
void StartHttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared);

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_HTTP_SESSION_H_
