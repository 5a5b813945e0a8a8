// Provider webhooks (issue 5 §2). Public: each is authenticated by its provider's signature
// instead of a token; a missing or bad signature is 403 and writes nothing.
//
//   POST /api/webhooks/call/incoming, /api/webhooks/call/status   Twilio (seed 004): form posts
//       as Twilio sends them, or JSON; X-Twilio-Signature with the provider's auth_token over
//       the public URL (ApiSettings::public_url, else http://<Host>) + the sorted parameters
//       (JSON: bodySHA256 in the URL). Tenant: ?tenant=, else the provider whose account_sid
//       is the AccountSid. The incoming call is answered with TwiML that enqueues the caller.
//   POST /api/v1/webhooks/voip/{provider}   seed 001's generic JSON events; {provider} is a
//       provider id or type of the tenant (?tenant= or X-Tenant-ID); X-Signature = hex
//       HMAC-SHA256 of the body with the provider's api_secret (else auth_token), X-Timestamp
//       within 5 minutes.
//   GET /api/v1/admin/webhooks?provider_id=&limit=   the webhook log (admin).
#include <boost/json.hpp>

#include "domain/ascii.h"
#include "http/api/answers.h"
#include "http/api/guard.h"
#include "http/api/pool_answer.h"
#include "http/api/routes.h"
#include "http/api/webhook_intake.h"
#include "http/webhooks/form_params.h"
#include "http/webhooks/generic_events.h"
#include "http/webhooks/generic_signature.h"
#include "http/webhooks/twilio_events.h"
#include "http/webhooks/twilio_signature.h"
#include "http/webhooks/twiml.h"

namespace sb::http::api {
namespace {

using projections::ProviderEntry;

Response Forbidden(const std::string& message) {
  return ErrorResponse(403, "invalid_signature", message);
}

bool IsForm(const Request& request) {
  const auto type = request.Header("content-type").value_or("");
  return type.rfind("application/x-www-form-urlencoded", 0) == 0;
}

// The URL the provider called, as it signed it.
std::string FullUrl(const ApiContext& context, const Request& request) {
  std::string base = context.settings.public_url;
  if (base.empty()) base = "http://" + request.Header("host").value_or("localhost");
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + request.target;
}

// The Twilio account a webhook is for: ?tenant= and the AccountSid narrow it to one.
std::optional<ProviderEntry> TwilioAccount(const ApiContext& context, const Request& request,
                                           const std::string& account_sid) {
  std::vector<ProviderEntry> found;
  if (auto tenant = request.Query("tenant")) {
    for (auto& p : context.providers->List(*tenant)) {
      if (p.state.account.provider_type != "twilio") continue;
      if (!account_sid.empty() && p.state.account.account_sid != account_sid) continue;
      found.push_back(std::move(p));
    }
  } else {
    for (auto& p : context.providers->FindByAccountSid(account_sid)) {
      if (p.state.account.provider_type == "twilio") found.push_back(std::move(p));
    }
  }
  if (found.size() != 1) return std::nullopt;  // unknown, or ambiguous: no secret to check
  return found.front();
}

Response Outcome(const WebhookOutcome& o, bool twiml_enqueue) {
  if (!o.status.ok()) return FailureResponse(o.status);
  if (twiml_enqueue && o.ignored.empty()) {
    if (auto xml = webhooks::EnqueueTwiml(o.queue_id); xml.ok()) {
      Response r;
      r.content_type = webhooks::kTwimlContentType;
      r.body = std::move(xml).value();
      return r;
    }
  }
  if (twiml_enqueue) {  // a call we will not take: tell Twilio to turn it away
    Response r;
    r.content_type = webhooks::kTwimlContentType;
    r.body = webhooks::RejectTwiml();
    return r;
  }
  boost::json::object body{
      {"success", true}, {"message", "Webhook processed successfully"}, {"duplicate", o.duplicate}};
  if (!o.call_id.empty()) body["call_id"] = o.call_id;
  if (!o.ignored.empty()) body["ignored"] = o.ignored;
  return JsonResponse(200, body);
}

// A signed, normalized webhook: 400 naming the field if it did not normalize, else taken
// (webhook_intake.h) and answered with its outcome, as TwiML when `twiml`.
void Deliver(std::shared_ptr<const ApiContext> context, const Request& request,
             const ProviderEntry& provider, Result<webhooks::ProviderCallEvent> event, bool twiml,
             Responder respond) {
  if (!event.ok()) {
    const std::string& m = event.status().message();
    return respond(ErrorResponse(400, "invalid_webhook", m, m.substr(0, m.find(':'))));
  }
  WebhookDelivery delivery{provider,
                           request.path,
                           request.body,
                           request.Query("call_id").value_or(""),
                           request.Query("queue").value_or(""),
                           std::move(event).value()};
  TakeWebhook(std::move(context), std::move(delivery),
              [respond = std::move(respond), twiml](WebhookOutcome outcome) {
                respond(Outcome(outcome, twiml));
              });
}

void TwilioWebhook(std::shared_ptr<const ApiContext> context, webhooks::TwilioWebhook route,
                   Request request, Responder respond) {
  if (!context->runtime->ready()) {
    return respond(ErrorResponse(503, "not_ready", "recovery is still running"));
  }
  const bool form = IsForm(request);
  webhooks::FormParams params;
  std::string account_sid;
  if (form) {
    auto decoded = webhooks::DecodeForm(request.body);
    if (!decoded.ok()) return respond(Forbidden("unsigned or malformed form"));
    params = std::move(decoded).value();
    for (const auto& [name, value] : params) {
      if (name == "AccountSid") account_sid = value;
    }
  } else {
    boost::system::error_code ec;
    auto json = boost::json::parse(request.body, ec);
    if (!ec && json.is_object()) {
      if (const auto* sid = json.as_object().if_contains("AccountSid"); sid && sid->is_string()) {
        account_sid = std::string(sid->as_string());
      }
    }
  }
  auto account = TwilioAccount(*context, request, account_sid);
  if (!account) return respond(Forbidden("no Twilio account of ours matches this webhook"));
  const std::string url = FullUrl(*context, request);
  const std::string signature = request.Header("x-twilio-signature").value_or("");
  const Status verified =
      form ? webhooks::VerifyTwilioSignature(account->state.account.auth_token, url, params,
                                             signature)
           : webhooks::VerifyTwilioJsonSignature(account->state.account.auth_token, url,
                                                 request.body, signature);
  if (!verified.ok()) return respond(Forbidden(verified.message()));
  auto event = form ? webhooks::NormalizeTwilioForm(route, params)
                    : webhooks::NormalizeTwilioJson(route, request.body);
  if (event.ok() && !account_sid.empty() && account_sid != account->state.account.account_sid) {
    return respond(Forbidden("AccountSid is not this account's"));
  }
  const bool twiml = event.ok() && event->kind == webhooks::CallEventKind::kInbound;
  Deliver(std::move(context), request, *account, std::move(event), twiml, std::move(respond));
}

// {provider}: a provider id of the tenant, or a provider type (its first by priority).
std::optional<ProviderEntry> GenericProvider(const ApiContext& context, const std::string& tenant,
                                             const std::string& name) {
  if (auto entry = context.providers->Find(tenant, name); entry && entry->state.exists) {
    return entry;
  }
  std::string lower;
  for (char c : name) lower.push_back(domain::AsciiLower(c));
  if (lower == "sip") lower = "generic";
  for (auto& p : context.providers->List(tenant)) {
    if (p.state.account.provider_type == lower) return p;
  }
  return std::nullopt;
}

void GenericWebhook(std::shared_ptr<const ApiContext> context, Request request,
                    const std::string& provider_name, Responder respond) {
  if (!context->runtime->ready()) {
    return respond(ErrorResponse(503, "not_ready", "recovery is still running"));
  }
  const std::string tenant =
      request.Query("tenant").value_or(request.Header("x-tenant-id").value_or(""));
  auto provider = tenant.empty() ? std::nullopt : GenericProvider(*context, tenant, provider_name);
  if (!provider) return respond(Forbidden("no such provider for this tenant"));
  const auto& account = provider->state.account;
  const std::string& secret = account.api_secret.empty() ? account.auth_token : account.api_secret;
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const Status verified = webhooks::VerifyGenericSignature(
      secret, request.body, request.Header("x-signature").value_or(""),
      request.Header("x-timestamp").value_or(""), now);
  if (!verified.ok()) return respond(Forbidden(verified.message()));
  Deliver(std::move(context), request, *provider,
          webhooks::NormalizeGenericEvent(provider->id, request.body), false, std::move(respond));
}

// The webhook log of one provider, newest first.
Response WebhookLog(const ApiContext& context, const std::string& tenant,
                    const std::string& provider_id, size_t limit) {
  boost::json::array entries;
  auto events = context.store->ReadStream(tenant + "/webhook/" + provider_id, es::kStreamEnd,
                                          es::Direction::kBackward, limit);
  if (!events.ok()) return FailureResponse(events.status());
  for (const auto& e : *events) {
    boost::system::error_code ec;
    auto payload = boost::json::parse(e.payload, ec);
    if (ec || !payload.is_object()) continue;
    auto& o = payload.as_object();
    o["id"] = es::ToString(e.id);
    o["position"] = e.position;
    o["received_at"] = domain::FormatTimestamp(e.timestamp_us);
    entries.push_back(std::move(payload));
  }
  return JsonResponse(200, boost::json::object{{"provider_id", provider_id},
                                               {"total", entries.size()},
                                               {"webhooks", std::move(entries)}});
}

}  // namespace

void AddWebhookRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  RouteOptions twilio;  // Twilio posts forms; seed 004 shows the same fields as JSON
  twilio.content_types = {"application/x-www-form-urlencoded", "application/json"};
  router.Add(
      "POST", "/api/webhooks/call/incoming",
      [context](Request request, PathParams, Responder respond) {
        TwilioWebhook(context, webhooks::TwilioWebhook::kIncoming, std::move(request),
                      std::move(respond));
      },
      twilio);
  router.Add(
      "POST", "/api/webhooks/call/status",
      [context](Request request, PathParams, Responder respond) {
        TwilioWebhook(context, webhooks::TwilioWebhook::kStatus, std::move(request),
                      std::move(respond));
      },
      twilio);
  router.Add("POST", "/api/v1/webhooks/voip/{provider}",
             [context](Request request, PathParams params, Responder respond) {
               GenericWebhook(context, std::move(request), params["provider"], std::move(respond));
             });
  router.Add(
      "GET", "/api/v1/admin/webhooks",
      Guard(context, [context](const Principal& caller, Request request, PathParams,
                               Responder respond) {
        if (caller.role != Role::kAdmin) {
          return respond(ForbiddenResponse("the webhook log is admin only"));
        }
        const std::string provider_id = request.Query("provider_id").value_or("");
        if (provider_id.empty()) {
          return respond(ErrorResponse(400, "provider_id_required",
                                       "name the provider with ?provider_id=", "provider_id"));
        }
        if (!context->providers->Find(caller.tenant, provider_id)) {
          return respond(NotFoundResponse("provider"));
        }
        size_t limit = 100;
        if (auto text = request.Query("limit")) {
          char* end = nullptr;
          const long value = std::strtol(text->c_str(), &end, 10);
          if (*end != '\0' || value < 1 || value > 1000) {
            return respond(ErrorResponse(400, "invalid_limit", "limit must be 1..1000", "limit"));
          }
          limit = static_cast<size_t>(value);
        }
        AnswerOnPool(*context, std::move(respond),
                     [context, tenant = caller.tenant, provider_id, limit] {
                       return WebhookLog(*context, tenant, provider_id, limit);
                     });
      }));
}

}  // namespace sb::http::api
