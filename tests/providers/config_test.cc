// ProviderConfig validation: every sample is valid, and each broken field is named.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "http/providers/provider_config.h"
#include "tests/providers/sample_configs.h"

namespace {

using sb::Status;
using sb::providers::ParseProviderType;
using sb::providers::ProviderConfig;
using sb::providers::ProviderType;
using sb::providers::ValidateProviderConfig;

// The Status must be InvalidArgument and name `field` first.
void RequireBadField(const ProviderConfig& c, const std::string& field) {
  Status s = ValidateProviderConfig(c);
  INFO(s.ToString());
  REQUIRE(s.IsInvalidArgument());
  REQUIRE(s.message().rfind(field + ":", 0) == 0);
}

}  // namespace

TEST_CASE("every sample provider config is valid", "[providers][config]") {
  for (const ProviderConfig& c :
       {sb::testing::TwilioConfig(), sb::testing::VonageConfig(), sb::testing::ExotelConfig(),
        sb::testing::AsteriskConfig(), sb::testing::McubeConfig(), sb::testing::GenericConfig()}) {
    INFO(c.provider_name);
    Status s = ValidateProviderConfig(c);
    INFO(s.ToString());
    REQUIRE(s.ok());
  }
}

TEST_CASE("provider types parse case-insensitively, SIP is generic", "[providers][config]") {
  REQUIRE(*ParseProviderType("TWILIO") == ProviderType::kTwilio);
  REQUIRE(*ParseProviderType("Vonage") == ProviderType::kVonage);
  REQUIRE(*ParseProviderType("EXOTEL") == ProviderType::kExotel);
  REQUIRE(*ParseProviderType("asterisk") == ProviderType::kAsterisk);
  REQUIRE(*ParseProviderType("MCUBE") == ProviderType::kMcube);
  REQUIRE(*ParseProviderType("SIP") == ProviderType::kGeneric);
  REQUIRE(*ParseProviderType("generic") == ProviderType::kGeneric);
  auto bad = ParseProviderType("plivo");
  REQUIRE(!bad.ok());
  REQUIRE(bad.status().message().rfind("provider_type:", 0) == 0);
}

TEST_CASE("common fields are validated and named", "[providers][config]") {
  using Mutation = std::function<void(ProviderConfig&)>;
  const std::vector<std::pair<std::string, Mutation>> cases = {
      {"provider_name", [](ProviderConfig& c) { c.provider_name.clear(); }},
      {"retry_count", [](ProviderConfig& c) { c.retry_count = -1; }},
      {"retry_count", [](ProviderConfig& c) { c.retry_count = 11; }},
      {"timeout_seconds", [](ProviderConfig& c) { c.timeout_seconds = 0; }},
      {"timeout_seconds", [](ProviderConfig& c) { c.timeout_seconds = 301; }},
      {"priority", [](ProviderConfig& c) { c.priority = -5; }},
      {"phone_number", [](ProviderConfig& c) { c.phone_number = "4155550101"; }},
      {"phone_number", [](ProviderConfig& c) { c.phone_number = "+1 415 555 0101"; }},
      {"caller_id", [](ProviderConfig& c) { c.caller_id = "Evil\" <+1>"; }},
      {"caller_id", [](ProviderConfig& c) { c.caller_id = "line\r\nbreak"; }},
      {"dial_plan_prefix", [](ProviderConfig& c) { c.dial_plan_prefix = "9a"; }},
      {"callback_url", [](ProviderConfig& c) { c.callback_url = "ftp://cb.example.com/"; }},
      {"callback_url", [](ProviderConfig& c) { c.callback_url = "https://user:pw@cb.example/"; }},
      {"api_url", [](ProviderConfig& c) { c.api_url = "api.twilio.com"; }},
      {"auth_token", [](ProviderConfig& c) { c.auth_token = "bad\ntoken"; }},
  };
  for (const auto& [field, mutate] : cases) {
    ProviderConfig c = sb::testing::TwilioConfig();
    mutate(c);
    INFO("expected " << field);
    RequireBadField(c, field);
  }
}

TEST_CASE("per-provider required fields are named", "[providers][config]") {
  SECTION("twilio") {
    ProviderConfig c = sb::testing::TwilioConfig();
    c.account_sid.clear();
    RequireBadField(c, "account_sid");
    c = sb::testing::TwilioConfig();
    c.auth_token.clear();
    RequireBadField(c, "auth_token");
    c = sb::testing::TwilioConfig();
    c.twilio.answer_url.clear();
    RequireBadField(c, "twilio.answer_url");
    c.twilio.twiml = "<Response><Say>hi</Say></Response>";
    REQUIRE(ValidateProviderConfig(c).ok());
    // Seed 001's form: the SID in api_key, the token in api_secret.
    c = sb::testing::TwilioConfig();
    c.account_sid.clear();
    c.auth_token.clear();
    c.api_key = "AC0123";
    c.api_secret = "secret";
    REQUIRE(ValidateProviderConfig(c).ok());
  }
  SECTION("vonage") {
    ProviderConfig c = sb::testing::VonageConfig();
    c.vonage.application_id.clear();
    RequireBadField(c, "vonage.application_id");
    c = sb::testing::VonageConfig();
    c.vonage.private_key_pem =
        "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n";
    RequireBadField(c, "vonage.private_key_pem");
    c = sb::testing::VonageConfig();
    c.vonage.private_key_pem = sb::testing::VonageKeys().public_pem;  // public, not private
    RequireBadField(c, "vonage.private_key_pem");
    c = sb::testing::VonageConfig();
    c.vonage.answer_url.clear();
    RequireBadField(c, "vonage.answer_url");
    c.vonage.ncco_json = R"({"action":"talk"})";  // an object, not an array
    RequireBadField(c, "vonage.ncco_json");
    c.vonage.ncco_json = R"([{"action":"talk","text":"hi"}])";
    REQUIRE(ValidateProviderConfig(c).ok());
  }
  SECTION("exotel") {
    ProviderConfig c = sb::testing::ExotelConfig();
    c.account_sid.clear();
    RequireBadField(c, "account_sid");
    c = sb::testing::ExotelConfig();
    c.api_key.clear();
    RequireBadField(c, "api_key");
    c = sb::testing::ExotelConfig();
    c.api_secret.clear();
    RequireBadField(c, "api_secret");
    c = sb::testing::ExotelConfig();
    c.api_url.clear();
    RequireBadField(c, "api_url");
    c.exotel.subdomain = "api.in.exotel.com";
    REQUIRE(ValidateProviderConfig(c).ok());
  }
  SECTION("asterisk") {
    ProviderConfig c = sb::testing::AsteriskConfig();
    c.asterisk.endpoint_template.clear();
    RequireBadField(c, "asterisk.endpoint_template");
    c.asterisk.endpoint_template = "PJSIP/trunk";  // no number placeholder
    RequireBadField(c, "asterisk.endpoint_template");
    c.asterisk.endpoint_template = "PJSIP/{{num}}@trunk";
    RequireBadField(c, "asterisk.endpoint_template");
    c = sb::testing::AsteriskConfig();
    c.asterisk.app = "switchboard";  // both app and extension
    RequireBadField(c, "asterisk.app");
    c = sb::testing::AsteriskConfig();
    c.auth_token = "no-colon";
    RequireBadField(c, "api_key");
    c = sb::testing::AsteriskConfig();
    c.api_url.clear();
    RequireBadField(c, "api_url");
  }
  SECTION("mcube") {
    ProviderConfig c = sb::testing::McubeConfig();
    c.auth_token.clear();
    RequireBadField(c, "auth_token");
  }
  SECTION("generic") {
    ProviderConfig c = sb::testing::GenericConfig();
    c.generic.method = "DELETE";
    RequireBadField(c, "generic.method");
    c = sb::testing::GenericConfig();
    c.generic.body_template = R"({"to":"{{customer}}"})";
    RequireBadField(c, "generic.body_template");
    c = sb::testing::GenericConfig();
    c.generic.url_template = "https://x.example/{{to";
    RequireBadField(c, "generic.url_template");
    c = sb::testing::GenericConfig();
    c.generic.headers = {{"Bad Header", "v"}};
    RequireBadField(c, "generic.headers");
    c = sb::testing::GenericConfig();
    c.generic.call_id_pointer = "data.id";
    RequireBadField(c, "generic.call_id_pointer");
  }
}

TEST_CASE("a builder refuses a config of another provider type", "[providers][config]") {
  // Covered per builder in builders_test; here the type names round-trip.
  for (ProviderType t : {ProviderType::kTwilio, ProviderType::kVonage, ProviderType::kExotel,
                         ProviderType::kAsterisk, ProviderType::kMcube, ProviderType::kGeneric}) {
    REQUIRE(*ParseProviderType(sb::providers::ProviderTypeName(t)) == t);
  }
}
