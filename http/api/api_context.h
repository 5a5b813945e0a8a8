// What every route of the API shares.
#ifndef SWITCHBOARD_HTTP_API_API_CONTEXT_H_
#define SWITCHBOARD_HTTP_API_API_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "actors/blocking_pool.h"
#include "actors/router.h"
#include "actors/runtime.h"
#include "domain/compliance/policy_decider.h"
#include "eventstore/event_store.h"
#include "http/token_verifier.h"
#include "projections/entity_directory.h"
#include "projections/projection_engine.h"
#include "projections/provider_directory.h"

namespace sb::http::api {

struct ApiSettings {
  // How long a customer console may be gone (a reload, a network blip) before the customer is
  // offline. A dead connection is noticed within the WebSocket idle timeout, which is shorter.
  int64_t presence_grace_seconds = 15;
  // How long a query with min_position may wait for its read model to catch up.
  int64_t max_query_wait_ms = 5000;
  // Our public base URL (e.g. https://sb.example.com) as providers call it: the URL Twilio
  // signs. Empty: http://<Host header>.
  std::string public_url;
  // Public support requests allowed per client address per minute, per e-mail per 10 minutes.
  int support_requests_per_address = 10;
  int support_requests_per_email = 3;
};

class CallDialing;

struct ApiContext {
  actors::Runtime* runtime = nullptr;
  es::EventStore* store = nullptr;
  projections::ProjectionEngine* projections = nullptr;
  projections::ProviderDirectory* providers = nullptr;
  // Every tenant's calling policy, in memory: checked on every call.
  projections::EntityDirectory<domain::CallingPolicyDecider>* policies = nullptr;
  CallDialing* dialing = nullptr;
  actors::Router* router = nullptr;
  // Threads for blocking work a route needs (read-model queries, log reads, backups), so that
  // no I/O thread waits on the disk.
  std::shared_ptr<actors::BlockingPool> blocking;
  std::shared_ptr<const TokenVerifier> tokens;  // with the server's JWT secret
  ApiSettings settings;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_API_CONTEXT_H_
