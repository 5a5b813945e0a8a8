// Provider decider: registration, updates, deletion and the account's own rules.
#include <catch2/catch.hpp>

#include "domain/provider_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {
namespace {

using testing::Harness;
using testing::Types;
using Kind = Rejection::Kind;

// Seed 001's "Create VoIP Provider" body.
ProviderAccount SeedAccount() {
  ProviderAccount a;
  a.provider_name = "My Asterisk Server";
  a.provider_type = "asterisk";
  a.api_url = "http://asterisk-server:8088";
  a.auth_token = "asterisk-auth-token";
  a.phone_number = "+1234567890";
  a.caller_id = "MyCompany";
  a.dial_plan_prefix = "100";
  a.settings = R"({"endpoint_template":"PJSIP/{{number}}@trunk","context":"c","extension":"s"})";
  return a;
}

TEST_CASE("provider: register, update, delete", "[provider]") {
  Harness<ProviderDecider> h;
  CHECK(h.Accept(RegisterProvider{SeedAccount()}) == Types{"ProviderRegistered"});
  CHECK(h.state.exists);
  CHECK(h.state.account.auth_token == "asterisk-auth-token");

  ProviderAccount changed = SeedAccount();
  changed.priority = 2;
  changed.is_active = false;
  CHECK(h.Accept(UpdateProvider{changed}) == Types{"ProviderUpdated"});
  CHECK(h.state.account.priority == 2);
  CHECK_FALSE(h.state.account.is_active);
  CHECK(h.Accept(UpdateProvider{changed}).empty());  // identical: nothing to record

  CHECK(h.Accept(DeleteProvider{}) == Types{"ProviderDeleted"});
  CHECK_FALSE(h.state.exists);
  h.Reject(DeleteProvider{}, Kind::kNotFound, "provider_not_found");
  h.Reject(UpdateProvider{changed}, Kind::kNotFound, "provider_not_found");
  // A retired id is never brought back: webhooks and attempts naming it stay unambiguous.
  h.Reject(RegisterProvider{SeedAccount()}, Kind::kConflict, "provider_exists");
}

TEST_CASE("provider: an account breaking a rule is refused and nothing is recorded", "[provider]") {
  struct Case {
    void (*breaks)(ProviderAccount&);
    const char* code;
  };
  const Case cases[] = {
      {[](ProviderAccount& a) { a.provider_name = "  "; }, "provider_name_required"},
      {[](ProviderAccount& a) { a.provider_type = "skype"; }, "invalid_provider_type"},
      {[](ProviderAccount& a) { a.retry_count = 11; }, "invalid_retry_count"},
      {[](ProviderAccount& a) { a.retry_count = -1; }, "invalid_retry_count"},
      {[](ProviderAccount& a) { a.timeout_seconds = 0; }, "invalid_timeout"},
      {[](ProviderAccount& a) { a.timeout_seconds = 301; }, "invalid_timeout"},
      {[](ProviderAccount& a) { a.priority = -1; }, "invalid_priority"},
      {[](ProviderAccount& a) { a.phone_number = "12345"; }, "invalid_phone"},
      {[](ProviderAccount& a) { a.settings = "[1]"; }, "invalid_settings"},
  };
  for (const Case& c : cases) {
    ProviderAccount bad = SeedAccount();
    c.breaks(bad);
    Harness<ProviderDecider> fresh;
    fresh.Reject(RegisterProvider{bad}, Kind::kInvalid, c.code);

    Harness<ProviderDecider> existing;
    existing.Accept(RegisterProvider{SeedAccount()});
    existing.Reject(UpdateProvider{bad}, Kind::kInvalid, c.code);
  }
}

}  // namespace
}  // namespace sb::domain
