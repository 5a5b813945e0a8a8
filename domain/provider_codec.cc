// JSON of provider events and state (conventions in json_fields.h). The log keeps secrets as
// they were given; masking is the API's job (http/api/provider_views.h).
#include <utility>

#include "domain/json_fields.h"
#include "domain/provider_decider.h"

namespace sb::domain {

using json::Presence;

namespace {

void WriteAccount(const ProviderAccount& a, boost::json::object* o) {
  (*o)["provider_name"] = a.provider_name;
  (*o)["provider_type"] = a.provider_type;
  (*o)["api_url"] = a.api_url;
  (*o)["api_key"] = a.api_key;
  (*o)["api_secret"] = a.api_secret;
  (*o)["auth_token"] = a.auth_token;
  (*o)["account_sid"] = a.account_sid;
  (*o)["phone_number"] = a.phone_number;
  (*o)["caller_id"] = a.caller_id;
  (*o)["dial_plan_prefix"] = a.dial_plan_prefix;
  (*o)["callback_url"] = a.callback_url;
  (*o)["is_active"] = a.is_active;
  (*o)["retry_count"] = a.retry_count;
  (*o)["timeout_seconds"] = a.timeout_seconds;
  (*o)["priority"] = a.priority;
  (*o)["settings"] = json::ObjectFromText(a.settings);
}

void ReadAccount(json::Reader& r, ProviderAccount* a) {
  r.String("provider_name", &a->provider_name);
  r.String("provider_type", &a->provider_type);
  r.String("api_url", &a->api_url, Presence::kOptional);
  r.String("api_key", &a->api_key, Presence::kOptional);
  r.String("api_secret", &a->api_secret, Presence::kOptional);
  r.String("auth_token", &a->auth_token, Presence::kOptional);
  r.String("account_sid", &a->account_sid, Presence::kOptional);
  r.String("phone_number", &a->phone_number, Presence::kOptional);
  r.String("caller_id", &a->caller_id, Presence::kOptional);
  r.String("dial_plan_prefix", &a->dial_plan_prefix, Presence::kOptional);
  r.String("callback_url", &a->callback_url, Presence::kOptional);
  r.Bool("is_active", &a->is_active);
  r.Int("retry_count", &a->retry_count);
  r.Int("timeout_seconds", &a->timeout_seconds);
  r.Int("priority", &a->priority);
  r.ObjectText("settings", &a->settings, Presence::kOptional);
}

}  // namespace

void Write(const ProviderRegistered& e, boost::json::object* o) {
  WriteAccount(e.account, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, ProviderRegistered* e) {
  ReadAccount(r, &e->account);
  r.Time("at", &e->at);
}

void Write(const ProviderUpdated& e, boost::json::object* o) {
  WriteAccount(e.account, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, ProviderUpdated* e) {
  ReadAccount(r, &e->account);
  r.Time("at", &e->at);
}

void Write(const ProviderDeleted& e, boost::json::object* o) { json::PutTime(*o, "at", e.at); }
void Read(json::Reader& r, ProviderDeleted* e) { r.Time("at", &e->at); }

std::string ProviderDecider::TypeOf(const Event& event) { return json::TypeOf(event); }

std::string ProviderDecider::EncodeEvent(const Event& event) { return json::EncodeEvent(event); }

Result<ProviderEvent> ProviderDecider::DecodeEvent(const std::string& type,
                                                   const std::string& payload_json) {
  return json::DecodeEvent<ProviderEvent>(type, payload_json);
}

std::string ProviderDecider::EncodeState(const State& s) {
  boost::json::object o;
  o["exists"] = s.exists;
  o["deleted"] = s.deleted;
  WriteAccount(s.account, &o);
  json::PutTime(o, "created_at", s.created_at);
  json::PutTime(o, "updated_at", s.updated_at);
  return boost::json::serialize(o);
}

Result<ProviderState> ProviderDecider::DecodeState(const std::string& text) {
  json::ParsedObject o;
  if (Status parsed = o.Parse(text); !parsed.ok()) return parsed;
  ProviderState s;
  json::Reader r(o.object());
  r.Bool("exists", &s.exists);
  r.Bool("deleted", &s.deleted);
  // A state never registered has an empty account; its required fields are empty strings.
  ReadAccount(r, &s.account);
  r.Time("created_at", &s.created_at);
  r.Time("updated_at", &s.updated_at);
  if (!r.ok()) return Status::Corruption("provider state: " + r.status().message());
  return s;
}

}  // namespace sb::domain
