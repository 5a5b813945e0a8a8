// CallDialing: takes a live PSTN call the click-to-call saga just created out through the
// tenant's providers (explicit one, else the active ones by priority), recording every
// attempt on the call before the next one starts and ending the call FAILED when no provider
// takes it. The initiate request is answered before the first attempt: the call shows as
// INITIATED, and its attempts and the provider's webhooks move it on (consoles see each
// step on their WebSocket).
//
// Status callbacks: the provider's callback_url (our webhook's public URL) is given to the
// provider with `tenant` and `call_id` added to its query, so every status webhook names the
// call it is about.
#ifndef SWITCHBOARD_HTTP_API_CALL_DIALING_H_
#define SWITCHBOARD_HTTP_API_CALL_DIALING_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "actors/runtime.h"
#include "domain/call_state.h"
#include "domain/result.h"
#include "http/providers/circuit_breaker.h"
#include "http/providers/outbound_client.h"
#include "http/providers/provider_dialer.h"
#include "projections/provider_directory.h"

namespace sb::http::api {

struct CallDialingOptions {
  providers::OutboundClientOptions client;  // ca_file for tests and private providers
  providers::CircuitBreakerOptions breaker;
  providers::DialerOptions dialer;
};

class CallDialing {
 public:
  static Result<std::unique_ptr<CallDialing>> Create(actors::Runtime* runtime,
                                                     CallDialingOptions options);
  // Stops the client, then waits for the dials in flight to record their last attempt (they
  // end as failed attempts), so none of them outlives the client. The runtime must be up.
  ~CallDialing();

  // The providers a call of `tenant` would be dialed through, in order: `explicit_id` alone
  // when given (NotFound / FailedPrecondition-like InvalidArgument when it cannot be used),
  // else the active ones. Empty: no provider, the call is a mock.
  static Result<std::vector<providers::DialCandidate>> Candidates(
      const projections::ProviderDirectory& directory, const std::string& tenant,
      const std::string& explicit_id);

  // Dials `call` (already created, live, PSTN). Never blocks.
  void Start(const std::string& tenant, const std::string& call_id, const domain::CallState& call,
             std::vector<providers::DialCandidate> candidates);

  providers::CircuitBreaker& breaker() { return breaker_; }

 private:
  CallDialing(actors::Runtime* runtime, CallDialingOptions options,
              std::unique_ptr<providers::OutboundClient> client);

  actors::Runtime* runtime_;
  std::mutex mu_;
  std::condition_variable idle_;
  int in_flight_ = 0;  // guarded by mu_
  providers::CircuitBreaker breaker_;
  std::unique_ptr<providers::OutboundClient> client_;
  providers::ProviderDialer dialer_;
};

// `url` with tenant and call_id query parameters added (percent-encoded).
std::string StatusCallbackUrl(const std::string& url, const std::string& tenant,
                              const std::string& call_id);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_CALL_DIALING_H_
