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
//
// The task is enqueued as soon as the call's events are handed to the log, not once they are
// durable: the two durable writes overlap, and the call still comes first in the log. What the
// call would refuse is checked first with its own decider (on a new call, so only the
// command's fields count), so no task is queued for a call that cannot exist. A redelivery for
// a call that exists already is answered at once, and queues its task again only while the
// call is still live (a no-op if the task still waits).
void StartInbound(std::shared_ptr<const ApiContext> context, std::shared_ptr<WebhookDelivery> d,
                  WebhookOutcome outcome, Done done) {
  const auto& e = d->event;
  const std::string& tenant = d->provider.tenant;
  const auto screening = domain::ScreenInbound(PolicyOf(*context, tenant), e.from);
  if (screening.action == domain::InboundAction::kReject) {
    outcome.ignored = std::string("caller_") + domain::ToString(*screening.list);
    return done(std::move(outcome));
  }
  const std::string call_id = InboundCallId(tenant, d->provider.id, e.provider_call_id);
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
  const auto check = CallDecider::Decide(domain::CallState{}, domain::CallCommand{call},
                                         context->runtime->options().clock());
  if (domain::IsRejected(check)) {
    outcome.ignored = domain::RejectionOf(check).code;  // e.g. a caller number we cannot store
    return done(std::move(outcome));
  }

  struct Inbound {
    std::mutex mu;
    int waiting = 2;  // the call's answer and the task's
    bool enqueue_started = false;
    WebhookOutcome outcome;
    Status call_status, task_status;
    std::optional<domain::Rejection> task_rejection;
    Done done;
  };
  auto in = std::make_shared<Inbound>();
  const std::string queue_id = outcome.queue_id;
  in->outcome = std::move(outcome);
  in->done = std::move(done);
  auto finish = [in] {
    {
      std::lock_guard<std::mutex> lock(in->mu);
      if (--in->waiting > 0) return;
    }
    WebhookOutcome outcome = std::move(in->outcome);
    outcome.status = !in->call_status.ok() ? in->call_status : in->task_status;
    if (in->task_rejection && in->task_rejection->code != "task_closed") {
      // task_closed: the task was assigned or canceled recently, so this is a redelivery.
      outcome.ignored = in->task_rejection->code;
    }
    in->done(std::move(outcome));
  };

  domain::EnqueueTask task;
  task.task_id = call_id;
  task.kind = domain::TaskKind::kCall;
  task.call_id = call_id;
  task.priority = screening.priority_boost;
  if (domain::IsValidE164(e.from)) task.caller_number = e.from;
  auto enqueue = [in, finish, context, tenant, queue_id, task = std::move(task),
                  meta = ProviderMeta(*d)](bool call_may_wait) {
    {
      std::lock_guard<std::mutex> lock(in->mu);
      if (std::exchange(in->enqueue_started, true)) return;
    }
    if (!call_may_wait) return finish();
    EnqueueCreatingQueue(context, tenant, queue_id, task, meta,
                         [in, finish](Status status, std::optional<domain::Rejection> rejection) {
                           {
                             std::lock_guard<std::mutex> lock(in->mu);
                             in->task_status = status;
                             in->task_rejection = std::move(rejection);
                           }
                           finish();
                         });
  };

  auto command = ProviderCommand<CallDecider>(*d, call_id, std::move(call));
  command.new_stream = true;
  // The task follows the call into the log (every console hears of the call first) without
  // waiting for the call to be durable. A call answered at once (it exists already) says
  // whether its caller still waits.
  command.on_handed_to_log = [enqueue] { enqueue(true); };
  context->runtime->Ask<CallDecider>(
      std::move(command), [in, finish, enqueue](Result<actors::EntityReply<CallDecider>> reply) {
        bool may_wait = false;
        {
          std::lock_guard<std::mutex> lock(in->mu);
          if (!reply.ok()) {
            in->call_status = reply.status();
          } else {
            in->call_status = reply.value().status;
            may_wait = in->call_status.ok() &&
                       !(reply.value().rejection && reply.value().state.IsTerminal());
          }
        }
        enqueue(may_wait);  // no-op if it started when the call was handed to the log
        finish();
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
