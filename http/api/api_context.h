// What every route of the API shares.
#ifndef SWITCHBOARD_HTTP_API_API_CONTEXT_H_
#define SWITCHBOARD_HTTP_API_API_CONTEXT_H_

#include <cstdint>
#include <string>

#include "actors/runtime.h"
#include "eventstore/event_store.h"

namespace sb::http::api {

struct ApiSettings {
  // How long a customer console may be gone (a reload, a network blip) before the customer is
  // offline. A dead connection is noticed within the WebSocket idle timeout, which is shorter.
  int64_t presence_grace_seconds = 15;
};

struct ApiContext {
  actors::Runtime* runtime = nullptr;
  es::EventStore* store = nullptr;
  std::string jwt_secret;
  ApiSettings settings;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_API_CONTEXT_H_
