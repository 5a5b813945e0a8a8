// Provider rules:
// - RegisterProvider creates the provider ("provider_exists" if the id was ever used: the API
//   makes ids up, so a clash is a retry of the same POST or a bug, and a deleted id is never
//   brought back, so webhooks and attempts naming it stay unambiguous).
// - UpdateProvider replaces the account ("provider_not_found" on a missing or deleted id); an
//   identical account is a no-op. DeleteProvider on a missing or deleted id: not found.
// - The account: provider_name required, provider_type one of the known adapters, retry_count
//   0..10, timeout_seconds 1..300, priority 0..1000, phone_number E.164 when given, settings a
//   JSON object. What one provider type needs (credentials, URLs) is checked by its adapter.
#include "domain/provider_decider.h"

#include <utility>
#include <vector>

#include "domain/ascii.h"
#include "domain/json_fields.h"
#include "domain/overloaded.h"
#include "domain/phone.h"

namespace sb::domain {
namespace {

using Events = std::vector<ProviderEvent>;

constexpr const char* kProviderTypes[] = {"twilio",   "vonage", "exotel",
                                          "asterisk", "mcube",  "generic"};

bool KnownType(const std::string& type) {
  for (const char* known : kProviderTypes) {
    if (type == known) return true;
  }
  return false;
}

Rejection NotFound() { return Rejection::NotFound("provider_not_found", "no such provider"); }

}  // namespace

std::optional<Rejection> ValidateProviderAccount(const ProviderAccount& a) {
  if (IsBlank(a.provider_name)) {
    return Rejection::Invalid("provider_name_required", "provider_name is required",
                              "provider_name");
  }
  if (!KnownType(a.provider_type)) {
    return Rejection::Invalid("invalid_provider_type",
                              "provider_type must be one of twilio, vonage, exotel, asterisk, "
                              "mcube, generic (or sip)",
                              "provider_type");
  }
  if (a.retry_count < 0 || a.retry_count > kMaxProviderRetries) {
    return Rejection::Invalid("invalid_retry_count", "retry_count must be 0..10", "retry_count");
  }
  if (a.timeout_seconds < 1 || a.timeout_seconds > kMaxProviderTimeoutSeconds) {
    return Rejection::Invalid("invalid_timeout", "timeout_seconds must be 1..300",
                              "timeout_seconds");
  }
  if (a.priority < 0 || a.priority > kMaxProviderPriority) {
    return Rejection::Invalid("invalid_priority", "priority must be 0..1000", "priority");
  }
  if (!a.phone_number.empty() && !IsValidE164(a.phone_number)) {
    return Rejection::Invalid("invalid_phone", "phone_number must be E.164", "phone_number");
  }
  if (!json::IsObjectText(a.settings)) {
    return Rejection::Invalid("invalid_settings", "settings must be a JSON object", "settings");
  }
  return std::nullopt;
}

Decision<ProviderEvent> ProviderDecider::Decide(const State& s, const Command& command,
                                                Timestamp now) {
  return std::visit(Overloaded{
                        [&](const RegisterProvider& c) -> Decision<ProviderEvent> {
                          if (s.exists || s.deleted) {
                            return Rejection::Conflict("provider_exists",
                                                       "provider id already used");
                          }
                          if (auto bad = ValidateProviderAccount(c.account)) return *bad;
                          return Events{ProviderRegistered{c.account, now}};
                        },
                        [&](const UpdateProvider& c) -> Decision<ProviderEvent> {
                          if (!s.exists) return NotFound();
                          if (auto bad = ValidateProviderAccount(c.account)) return *bad;
                          if (c.account == s.account) return Events{};
                          return Events{ProviderUpdated{c.account, now}};
                        },
                        [&](const DeleteProvider&) -> Decision<ProviderEvent> {
                          if (!s.exists) return NotFound();
                          return Events{ProviderDeleted{now}};
                        },
                    },
                    command);
}

void ProviderDecider::EvolveInPlace(State& s, const Event& event) {
  std::visit(Overloaded{
                 [&](const ProviderRegistered& e) {
                   s.exists = true;
                   s.account = e.account;
                   s.created_at = s.updated_at = e.at;
                 },
                 [&](const ProviderUpdated& e) {
                   s.account = e.account;
                   s.updated_at = e.at;
                 },
                 [&](const ProviderDeleted& e) {
                   s.exists = false;
                   s.deleted = true;
                   s.updated_at = e.at;
                 },
             },
             event);
}

}  // namespace sb::domain
