// WsClient: a synchronous WebSocket client for integration tests. Nothing runs in the
// background: control frames (pings from the server, its close frame) are handled only while
// Read, Send or Close run, so a client that stops calling them stops answering pings, like a
// frozen browser tab. Abort() cuts the TCP connection without a close frame, like a lost network.
#ifndef SWITCHBOARD_TESTS_SUPPORT_WS_CLIENT_H_
#define SWITCHBOARD_TESTS_SUPPORT_WS_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/result.h"
#include "tests/support/http_client.h"

namespace sb::testing {

class WsClient {
 public:
  // Connects and upgrades on `target` (e.g. "/ws?since=5"), sending `headers` with the upgrade.
  // When the server answers the upgrade with an HTTP response instead of 101, the Status is
  // Failed with the message "upgrade refused: HTTP <status> <body>", and `refused` (when given)
  // receives that response. Other failures are IOError.
  static Result<std::unique_ptr<WsClient>> Connect(const std::string& host, uint16_t port,
                                                   const std::string& target,
                                                   const HeaderList& headers = {},
                                                   HttpReply* refused = nullptr);
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // The next message. Unavailable ("timed out") when none arrived within `timeout`: the read
  // stays pending and the next Read continues it, so nothing is lost. IOError when the
  // connection is closed or broken; after a close frame, close_code() says which.
  Result<std::string> Read(std::chrono::milliseconds timeout);
  // Sends a text frame (5 s limit). IOError if it cannot.
  Status Send(const std::string& text);
  // A normal close handshake (code 1000), waiting up to 2 s for the server's answer.
  void Close();
  // Closes the TCP connection at once, without a close frame.
  void Abort();

  // The code of the close frame the server sent, once one was read.
  std::optional<int> close_code() const;

 private:
  struct Impl;
  explicit WsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_WS_CLIENT_H_
