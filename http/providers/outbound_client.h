// OutboundClient: asynchronous HTTP/1.1 client for provider APIs, over Beast and OpenSSL, on
// its own io_context and thread(s), so that a CAF actor or an HTTP handler never blocks on a
// provider. Beast and Asio stay behind the pimpl.
//
// Contract:
//  - Send never blocks and never throws. Its callback is called exactly once: with the
//    response (whatever its HTTP status: classifying it is the parser's job) or with
//    Unavailable for a transport failure (bad URL: InvalidArgument) — resolve, connect, TLS
//    handshake or certificate verification, write, read, connection closed early, the
//    connect or total timeout, or Stop. From the client's own thread, except after Stop,
//    when it is called at once on the calling thread.
//  - https:// is verified: the peer chain against the system store (or options.ca_file only,
//    when given), and the certificate's name against the URL's host (SNI is sent for names).
//    http:// is sent in clear text, for local providers such as ARI.
//  - One connection per request, closed after it ("Connection: close"): dials are rare and
//    each must fail alone.
//  - An exception thrown by a callback is swallowed.
//  - Stop cancels what is in flight (those callbacks get Unavailable "client stopped") and
//    joins the threads. Not from a callback (it joins the thread running it).
#ifndef SWITCHBOARD_HTTP_PROVIDERS_OUTBOUND_CLIENT_H_
#define SWITCHBOARD_HTTP_PROVIDERS_OUTBOUND_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "domain/result.h"
#include "domain/status.h"
#include "http/providers/outbound_request.h"

namespace sb::providers {

struct OutboundClientOptions {
  int threads = 1;
  // PEM file of trusted CAs replacing the system store (tests, private providers).
  std::string ca_file;
  size_t body_limit = 1 << 20;  // larger answers fail (Unavailable)
  std::string user_agent = "switchboard";
};

using OutboundCallback = std::function<void(Result<OutboundResponse>)>;

class OutboundClient {
 public:
  // Starts the threads. InvalidArgument for bad options, IOError when ca_file (or the system
  // store) cannot be loaded.
  static Result<std::unique_ptr<OutboundClient>> Create(OutboundClientOptions options = {});
  ~OutboundClient();  // Stop()
  OutboundClient(const OutboundClient&) = delete;
  OutboundClient& operator=(const OutboundClient&) = delete;

  void Send(OutboundRequest request, OutboundCallback done);

  // Calls `fn` once on the client's thread after `delay` with OK (a retry's backoff), or with
  // Unavailable when the client stops first (at once on the calling thread if already stopped).
  void After(std::chrono::milliseconds delay, std::function<void(Status)> fn);

  // Requests started and not yet answered.
  size_t in_flight() const;

  // Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit OutboundClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_OUTBOUND_CLIENT_H_
