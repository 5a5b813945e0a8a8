#include "http/api/webhook_intake.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <utility>

#include <boost/json.hpp>

#include "domain/call_decider.h"
#include "domain/compliance/inbound_screening.h"
#include "domain/phone.h"
#include "domain/routing/queue_decider.h"
#include "http/api/policy_lookup.h"
#include "http/api/queue_intake.h"
#include "http/api/views.h"
#include "http/webhooks/event_id.h"

namespace sb::http::api {
namespace {

using domain::CallDecider;

constexpr size_t kMaxLoggedBody = 16 * 1024;
constexpr int64_t kInboundWaitSeconds = 3600;  // the caller hanging up ends it before that

using Done = std::function<void(WebhookOutcome)>;

actors::CommandMeta ProviderMeta(const WebhookDelivery& d) {
  return actors::CommandMeta{"provider:" + d.provider.id, "", d.event.dedup_key};
}

template <class D>
actors::EntityCommand<D> ProviderCommand(const WebhookDelivery& d, const std::string& id,
                                         typename D::Command command) {
  actors::EntityCommand<D> c;
  c.key = actors::EntityKey{d.provider.tenant, id};
  c.command = std::move(command);
  c.meta = ProviderMeta(d);
  return c;
}

es::EventData LogEntry(const WebhookDelivery& d) {
  const auto& e = d.event;
  boost::json::object o{
      {"provider_id", d.provider.id},
      {"provider_type", d.provider.state.account.provider_type},
      {"route", d.route},
      {"kind", webhooks::KindName(e.kind)},
      {"raw_status", e.raw_status},
      {"dedup_key", e.dedup_key},
      {"provider_call_id", e.provider_call_id},
      {"call_id", e.call_id.empty() ? d.call_id_hint : e.call_id},
      {"from", e.from},
      {"to", e.to},
      {"direction", e.direction},
      {"body", d.body.substr(0, kMaxLoggedBody)},
      {"body_truncated", d.body.size() > kMaxLoggedBody},
  };
  o["duration_seconds"] = e.duration_seconds ? boost::json::value(*e.duration_seconds) : nullptr;
  o["sequence"] = e.sequence ? boost::json::value(*e.sequence) : nullptr;
  es::EventData data;
  const auto bytes = webhooks::WebhookEventId(d.provider.tenant, d.provider.id, e.dedup_key);
  std::copy(bytes.begin(), bytes.end(), data.id.begin());
  data.type = "WebhookReceived";
  data.payload = boost::json::serialize(o);
  data.tenant = d.provider.tenant;
  data.actor = "provider:" + d.provider.id;
  data.causation_id = e.dedup_key;
  return data;
}

// The number lists first: a blocked or spam caller is turned away (logged, never queued); a
// VIP one jumps the queue.
void StartInbound(std::shared_ptr<const ApiContext> context, std::shared_ptr<WebhookDelivery> d,
                  WebhookOutcome outcome, Done done) {
  const auto& e = d->event;
  const auto screening = domain::ScreenInbound(PolicyOf(*context, d->provider.tenant), e.from);
  if (screening.action == domain::InboundAction::kReject) {
    outcome.ignored = std::string("caller_") + domain::ToString(*screening.list);
    return done(std::move(outcome));
  }
  const int priority = screening.priority_boost;
  const std::string call_id = InboundCallId(d->provider.tenant, d->provider.id, e.provider_call_id);
  outcome.call_id = call_id;
  outcome.queue_id = d->queue_id.empty() ? kDefaultQueueId : d->queue_id;
  domain::InitiateCall call;
  call.direction = domain::CallDirection::kInbound;
  call.channel = domain::CallChannel::kPstn;
  call.mode = domain::CallMode::kLive;
  // The call record is about the customer: the number they called from is the one to call
  // back; ours (To) is kept as from_phone.
  call.to_phone = domain::IsValidE164(e.from) ? e.from : e.to;
  call.from_phone = e.to;
  call.phone_type = "INBOUND";
  call.provider_id = d->provider.id;
  call.provider_call_id = e.provider_call_id;
  call.queue_id = outcome.queue_id;
  call.ring_timeout_seconds = kInboundWaitSeconds;
  auto command = ProviderCommand<CallDecider>(*d, call_id, std::move(call));
  command.new_stream = true;
  context->runtime->Ask<CallDecider>(
      std::move(command), [context, d, call_id, outcome, priority,
                           done](Result<actors::EntityReply<CallDecider>> reply) mutable {
        if (!reply.ok() || !reply.value().status.ok()) {
          outcome.status = reply.ok() ? reply.value().status : reply.status();
          return done(std::move(outcome));
        }
        const auto& rejection = reply.value().rejection;
        if (rejection && rejection->code != "already_initiated") {
          outcome.ignored = rejection->code;  // e.g. a caller number we cannot store
          return done(std::move(outcome));
        }
        if (rejection && reply.value().state.IsTerminal()) return done(std::move(outcome));
        domain::EnqueueTask task;
        task.task_id = call_id;
        task.kind = domain::TaskKind::kCall;
        task.call_id = call_id;
        task.priority = priority;
        if (domain::IsValidE164(d->event.from)) task.caller_number = d->event.from;
        EnqueueCreatingQueue(
            context, d->provider.tenant, outcome.queue_id, std::move(task), ProviderMeta(*d),
            [outcome, done](Status status, std::optional<domain::Rejection> rejection) mutable {
              outcome.status = status;
              // A task recently assigned (task_closed) means this is a redelivery.
              if (rejection && rejection->code != "task_closed") outcome.ignored = rejection->code;
              done(std::move(outcome));
            });
      });
}

void ApplyStatus(std::shared_ptr<const ApiContext> context, std::shared_ptr<WebhookDelivery> d,
                 WebhookOutcome outcome, Done done) {
  const auto& e = d->event;
  // Ours as the dial sent it (the callback URL's call_id, or a generic event's call_id or
  // session_id), else the inbound call of that provider call.
  std::string call_id = CallIdOfSession(!e.call_id.empty() ? e.call_id : d->call_id_hint);
  if (call_id.empty() && !e.provider_call_id.empty()) {
    call_id = InboundCallId(d->provider.tenant, d->provider.id, e.provider_call_id);
  }
  if (call_id.empty() || !actors::ValidateId(call_id, "call id").ok()) {
    outcome.ignored = "unknown_call";
    return done(std::move(outcome));
  }
  outcome.call_id = call_id;
  domain::ReportProviderStatus report{webhooks::ToCallStatus(e.kind), e.raw_status,
                                      e.duration_seconds.value_or(0)};
  context->runtime->Ask<CallDecider>(
      ProviderCommand<CallDecider>(*d, call_id, std::move(report)),
      [outcome, done](Result<actors::EntityReply<CallDecider>> reply) mutable {
        if (!reply.ok() || !reply.value().status.ok()) {
          outcome.status = reply.ok() ? reply.value().status : reply.status();
        } else if (reply.value().rejection) {
          outcome.ignored = reply.value().rejection->code == "call_not_found"
                                ? "unknown_call"
                                : reply.value().rejection->code;
        } else if (reply.value().events.empty()) {
          outcome.ignored = "no_change";  // a repeat, or out of order
        }
        done(std::move(outcome));
      });
}

}  // namespace

std::string InboundCallId(const std::string& tenant, const std::string& provider_id,
                          const std::string& provider_call_id) {
  return webhooks::FormatUuid(
      webhooks::WebhookEventId(tenant, provider_id, "inbound-call/" + provider_call_id));
}

void TakeWebhook(std::shared_ptr<const ApiContext> context, WebhookDelivery delivery, Done done) {
  auto d = std::make_shared<WebhookDelivery>(std::move(delivery));
  // The log entry and the call's commands are each idempotent, so they run side by side rather
  // than one durable write after the other: the provider is answered once both are durable.
  struct Join {
    std::mutex mu;
    int waiting = 2;
    es::AppendResult logged;
    WebhookOutcome applied;
    Done done;
  };
  auto join = std::make_shared<Join>();
  join->done = std::move(done);
  auto arrive = [join] {
    {
      std::lock_guard<std::mutex> lock(join->mu);
      if (--join->waiting > 0) return;
    }
    WebhookOutcome outcome = std::move(join->applied);
    outcome.duplicate = join->logged.duplicate;
    if (!join->logged.status.ok()) outcome.status = join->logged.status;
    join->done(std::move(outcome));
  };
  const std::string stream = d->provider.tenant + "/webhook/" + d->provider.id;
  context->store->AppendAsync(stream, es::ExpectedVersion::Any(), {LogEntry(*d)},
                              [join, arrive](const es::AppendResult& logged) {
                                {
                                  std::lock_guard<std::mutex> lock(join->mu);
                                  join->logged = logged;
                                }
                                arrive();
                              });
  auto applied = [join, arrive](WebhookOutcome outcome) {
    {
      std::lock_guard<std::mutex> lock(join->mu);
      join->applied = std::move(outcome);
    }
    arrive();
  };
  if (d->event.kind == webhooks::CallEventKind::kInbound) {
    StartInbound(context, d, WebhookOutcome{}, std::move(applied));
  } else {
    ApplyStatus(context, d, WebhookOutcome{}, std::move(applied));
  }
}

}  // namespace sb::http::api
