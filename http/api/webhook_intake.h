// WebhookIntake: what every provider webhook does once its signature has been checked and its
// body normalized (http/webhooks/): write it to the webhook log and, at the same time, apply it
// to the call; the answer waits for both.
//
//  - The log: one event per distinct provider event in the stream
//    `<tenant>/webhook/<provider id>`, whose event id is derived from the provider's own event
//    identity (webhooks::WebhookEventId). A redelivery appends nothing (the log's idempotent
//    append decides, even for two deliveries racing each other) and is answered as before.
//  - The call: a status goes to the call as ReportProviderStatus, which never moves a call
//    backwards. The call is the one the provider names (our call_id, which outbound dials put
//    in the status callback URL), or the inbound call of that provider call id. A status for
//    a call we do not know is logged and answered 200 with "ignored": the provider must not
//    retry it forever.
//  - An inbound call: created as an INBOUND PSTN call whose id is derived from the provider's
//    call id (so a redelivery finds the same call) and, side by side with it, enqueued in the
//    queue the webhook names (?queue=, default "default"; created with default settings on
//    first use).
// Redeliveries re-apply: every step is idempotent, so a crash that leaves one of log and call
// written without the other is healed by the provider's retry (it heard no 200).
#ifndef SWITCHBOARD_HTTP_API_WEBHOOK_INTAKE_H_
#define SWITCHBOARD_HTTP_API_WEBHOOK_INTAKE_H_

#include <functional>
#include <memory>
#include <string>

#include "http/api/api_context.h"
#include "http/webhooks/call_event.h"
#include "projections/provider_directory.h"

namespace sb::http::api {

struct WebhookOutcome {
  Status status;           // not ok: the log or an entity failed (answer 503, provider retries)
  bool duplicate = false;  // the log had it already
  std::string call_id;     // the call it applied to, when known
  std::string ignored;     // why it changed nothing, when it did not ("unknown_call", ...)
  std::string queue_id;    // an inbound call: where it waits
};

struct WebhookDelivery {
  projections::ProviderEntry provider;
  std::string route;         // our URL path, for the log
  std::string body;          // as received (kept in the log, truncated to 16 KiB)
  std::string call_id_hint;  // ?call_id= of the callback URL
  std::string queue_id;      // ?queue= (inbound)
  webhooks::ProviderCallEvent event;
};

void TakeWebhook(std::shared_ptr<const ApiContext> context, WebhookDelivery delivery,
                 std::function<void(WebhookOutcome)> done);

// The id of the inbound call a provider call id stands for.
std::string InboundCallId(const std::string& tenant, const std::string& provider_id,
                          const std::string& provider_call_id);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_WEBHOOK_INTAKE_H_
