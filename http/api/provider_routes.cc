// VoIP providers (seed 001): admin-only CRUD over provider entities. Reads come from the
// in-memory ProviderDirectory and mask every secret. PUT merges: fields left out (or null)
// keep their value, a secret sent back as the mask keeps its value, and settings, when sent,
// replace the old ones except for masked secrets inside them. DELETE retires the id for good.
#include <boost/json.hpp>

#include "domain/provider_decider.h"
#include "eventstore/event.h"
#include "http/api/entity_answer.h"
#include "http/api/json_body.h"
#include "http/api/provider_views.h"
#include "http/api/routes.h"
#include "http/providers/provider_config_json.h"

namespace sb::http::api {
namespace {

using domain::ProviderAccount;
using domain::ProviderDecider;
using ProviderReply = actors::EntityReply<ProviderDecider>;

const std::initializer_list<std::string_view> kFields = {
    "provider_name", "provider_type",    "api_url",      "api_key",
    "api_secret",    "auth_token",       "account_sid",  "phone_number",
    "caller_id",     "dial_plan_prefix", "callback_url", "is_active",
    "retry_count",   "timeout_seconds",  "priority",     "settings"};

bool IsAdmin(const Principal& p) { return p.role == Role::kAdmin; }

// A secret field: a new value, the mask (keep), or absent/null (keep).
void ReadSecret(JsonBody& body, const char* name, std::string* out) {
  std::string sent = *out;
  body.String(name, &sent);
  if (sent != kMaskedSecret) *out = std::move(sent);
}

// Settings sent by the client, with masked secrets resolved from `current`.
std::string MergeSettings(const std::string& sent, const std::string& current) {
  boost::system::error_code ec;
  boost::json::value next = boost::json::parse(sent, ec);
  if (ec || !next.is_object()) return sent;  // the decider refuses it
  boost::json::value old = boost::json::parse(current, ec);
  for (auto& [key, value] : next.as_object()) {
    if (value.is_string() && value.as_string() == kMaskedSecret) {
      const auto* kept = !ec && old.is_object() ? old.as_object().if_contains(key) : nullptr;
      value = kept ? *kept : boost::json::value(nullptr);
    }
  }
  return boost::json::serialize(next);
}

// Fills `a` from the body over its current values; the first problem is the response.
std::optional<Response> ReadAccount(JsonBody& body, bool create, ProviderAccount* a) {
  int64_t retry = a->retry_count, timeout = a->timeout_seconds, priority = a->priority;
  std::string type = a->provider_type, settings;
  body.String("provider_name", &a->provider_name, create);
  body.String("provider_type", &type, create);
  body.String("api_url", &a->api_url);
  ReadSecret(body, "api_key", &a->api_key);
  ReadSecret(body, "api_secret", &a->api_secret);
  ReadSecret(body, "auth_token", &a->auth_token);
  body.String("account_sid", &a->account_sid);
  body.String("phone_number", &a->phone_number);
  body.String("caller_id", &a->caller_id);
  body.String("dial_plan_prefix", &a->dial_plan_prefix);
  body.String("callback_url", &a->callback_url);
  body.Bool("is_active", &a->is_active);
  body.Int("retry_count", &retry);
  body.Int("timeout_seconds", &timeout);
  body.Int("priority", &priority);
  body.ObjectText("settings", &settings);
  if (body.error()) return body.error();
  auto parsed_type = providers::ParseProviderType(type);
  if (!parsed_type.ok()) {
    return ErrorResponse(422, "invalid_provider_type", parsed_type.status().message(),
                         "provider_type");
  }
  a->provider_type = providers::ProviderTypeName(*parsed_type);
  auto clamp = [](int64_t v) { return static_cast<int>(std::clamp<int64_t>(v, -1, 100000)); };
  a->retry_count = clamp(retry);
  a->timeout_seconds = clamp(timeout);
  a->priority = clamp(priority);
  if (body.Has("settings")) a->settings = MergeSettings(settings, a->settings);
  if (auto bad = domain::ValidateProviderAccount(*a)) return RejectionResponse(*bad);
  // What the adapter of this type needs (credentials, URLs, templates).
  auto config = providers::ProviderConfigFromAccount(*a);
  Status valid = config.ok() ? providers::ValidateProviderConfig(*config) : config.status();
  if (!valid.ok()) {
    const std::string& message = valid.message();
    return ErrorResponse(422, "invalid_provider_config", message,
                         message.substr(0, message.find(':')));
  }
  return std::nullopt;
}

// Answers with the provider's view and records the new state in the directory at once, so
// the next dial or read sees it.
void ProviderCommand(const ApiContext& context, const Principal& caller, const std::string& id,
                     domain::ProviderCommand command, int ok_status, Responder respond) {
  auto* directory = context.providers;
  const std::string tenant = caller.tenant;
  context.runtime->Ask<ProviderDecider>(
      MakeCommand<ProviderDecider>(caller, id, std::move(command)),
      [=, respond = std::move(respond)](Result<ProviderReply> reply) {
        if (reply.ok() && reply.value().ok()) {
          directory->Apply(tenant, id, reply.value().version, reply.value().state);
        }
        respond(ReplyResponse<ProviderDecider>(reply, ok_status, [&](const ProviderReply& r) {
          return ProviderView(id, r.version, r.state);
        }));
      });
}

}  // namespace

void AddProviderRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("POST", "/api/v1/voip-providers",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               if (!IsAdmin(caller)) return respond(ForbiddenResponse("providers are admin only"));
               auto parsed = JsonBody::Parse(request.body, kFields);
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               domain::RegisterProvider command;
               if (auto bad = ReadAccount(std::get<JsonBody>(parsed), true, &command.account)) {
                 return respond(std::move(*bad));
               }
               ProviderCommand(*context, caller, es::ToString(es::NewEventId()), std::move(command),
                               201, std::move(respond));
             }));

  router.Add(
      "GET", "/api/v1/voip-providers",
      Guard(context, [context](const Principal& caller, Request, PathParams, Responder respond) {
        if (!IsAdmin(caller)) return respond(ForbiddenResponse("providers are admin only"));
        boost::json::array providers;
        for (const auto& e : context->providers->List(caller.tenant)) {
          providers.push_back(ProviderView(e.id, e.version, e.state));
        }
        boost::json::object body;
        body["total"] = providers.size();
        body["providers"] = std::move(providers);
        respond(JsonResponse(200, body));
      }));

  router.Add("GET", "/api/v1/voip-providers/{id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               if (!IsAdmin(caller)) return respond(ForbiddenResponse("providers are admin only"));
               auto entry = context->providers->Find(caller.tenant, params["id"]);
               if (!entry || !entry->state.exists) return respond(NotFoundResponse("provider"));
               respond(JsonResponse(200, ProviderView(entry->id, entry->version, entry->state)));
             }));

  router.Add("PUT", "/api/v1/voip-providers/{id}",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               if (!IsAdmin(caller)) return respond(ForbiddenResponse("providers are admin only"));
               auto entry = context->providers->Find(caller.tenant, params["id"]);
               if (!entry || !entry->state.exists) return respond(NotFoundResponse("provider"));
               auto parsed = JsonBody::Parse(request.body, kFields);
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               domain::UpdateProvider command{entry->state.account};
               if (auto bad = ReadAccount(std::get<JsonBody>(parsed), false, &command.account)) {
                 return respond(std::move(*bad));
               }
               ProviderCommand(*context, caller, entry->id, std::move(command), 200,
                               std::move(respond));
             }));

  router.Add("DELETE", "/api/v1/voip-providers/{id}",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               if (!IsAdmin(caller)) return respond(ForbiddenResponse("providers are admin only"));
               if (auto s = actors::ValidateId(params["id"], "provider id"); !s.ok()) {
                 return respond(NotFoundResponse("provider"));
               }
               ProviderCommand(*context, caller, params["id"], domain::DeleteProvider{}, 200,
                               std::move(respond));
             }));
}

}  // namespace sb::http::api
