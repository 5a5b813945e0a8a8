// The dial request builders: the exact request each provider is sent, decoded independently
// (tests/providers/wire_decode.h), including awkward values: '+' and '&' in numbers, URLs and
// ids, quotes and backslashes, and non-ASCII names.
#include <catch2/catch.hpp>

#include <string>

#include <boost/json.hpp>

#include "http/providers/asterisk.h"
#include "http/providers/exotel.h"
#include "http/providers/generic_provider.h"
#include "http/providers/mcube.h"
#include "http/providers/provider_adapter.h"
#include "http/providers/twilio.h"
#include "http/providers/vonage.h"
#include "tests/providers/sample_configs.h"
#include "tests/providers/wire_decode.h"

namespace {

namespace json = boost::json;
using sb::providers::DialRequest;
using sb::providers::OutboundRequest;
using sb::providers::ProviderConfig;
using sb::testing::DecodeBasic;
using sb::testing::DecodeForm;
using sb::testing::Value;
using sb::testing::Values;

DialRequest Dial() {
  DialRequest d;
  d.to = "+14155550100";
  d.call_id = "call-7f3a";
  d.attempt_id = "attempt-1";
  d.now_unix_seconds = 1700000000;
  return d;
}

std::string Path(const std::string& url) { return url.substr(0, url.find('?')); }
std::string Query(const std::string& url) {
  const size_t q = url.find('?');
  return q == std::string::npos ? "" : url.substr(q + 1);
}

}  // namespace

TEST_CASE("twilio: POST Calls.json, form fields, basic auth AccountSid:AuthToken",
          "[providers][twilio]") {
  const ProviderConfig c = sb::testing::TwilioConfig();
  DialRequest d = Dial();
  auto r = sb::providers::BuildTwilioDial(c, d);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->method == "POST");
  REQUIRE(
      r->url ==
      "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json");
  REQUIRE(r->content_type == "application/x-www-form-urlencoded");
  REQUIRE(DecodeBasic(*r->Header("authorization")) ==
          "AC0123456789abcdef0123456789abcdef:tok&en+/=");
  REQUIRE(r->Header("Accept") == "application/json");
  REQUIRE(r->total_timeout == std::chrono::seconds(12));
  REQUIRE(r->connect_timeout == std::chrono::seconds(10));

  const auto form = DecodeForm(r->body);
  REQUIRE(Value(form, "To") == "+14155550100");
  REQUIRE(Value(form, "From") == "+14155550101");
  REQUIRE(Value(form, "Url") == "https://app.example.com/twiml/answer?call=1&lang=es");
  REQUIRE(Values(form, "Twiml").empty());
  REQUIRE(Value(form, "StatusCallback") ==
          "https://cb.example.com/webhooks/voip/twilio?tenant=acme&x=a+b");
  REQUIRE(Value(form, "StatusCallbackMethod") == "POST");
  REQUIRE(Values(form, "StatusCallbackEvent") ==
          std::vector<std::string>{"initiated", "ringing", "answered", "completed"});
  // The '+' of E.164 must not reach Twilio as a form-encoded space.
  REQUIRE(r->body.find("To=%2B14155550100") != std::string::npos);
  REQUIRE(r->body.find("x%3Da%2Bb") != std::string::npos);
}

TEST_CASE("twilio: inline TwiML, per-call from and callback, seed-style credentials",
          "[providers][twilio]") {
  ProviderConfig c = sb::testing::TwilioConfig();
  c.twilio.answer_url.clear();
  c.twilio.twiml = "<Response><Say language=\"es\">Hola &amp; adiós, José</Say></Response>";
  c.account_sid.clear();
  c.auth_token.clear();
  c.api_key = "AC99";  // seed 001: api_key = account sid, api_secret = auth token
  c.api_secret = "s3cret";
  DialRequest d = Dial();
  d.from = "+14155550199";
  d.status_callback_url = "https://cb.example.com/calls/call-7f3a/status?t=a&b";
  auto r = sb::providers::BuildTwilioDial(c, d);
  REQUIRE(r.ok());
  REQUIRE(Path(r->url) == "https://api.twilio.com/2010-04-01/Accounts/AC99/Calls.json");
  REQUIRE(DecodeBasic(*r->Header("Authorization")) == "AC99:s3cret");
  const auto form = DecodeForm(r->body);
  REQUIRE(Value(form, "Twiml") == c.twilio.twiml);
  REQUIRE(Values(form, "Url").empty());
  REQUIRE(Value(form, "From") == "+14155550199");
  REQUIRE(Value(form, "StatusCallback") == d.status_callback_url);

  SECTION("without a callback no status fields are sent") {
    c.callback_url.clear();
    d.status_callback_url.clear();
    auto r2 = sb::providers::BuildTwilioDial(c, d);
    REQUIRE(r2.ok());
    const auto f2 = DecodeForm(r2->body);
    REQUIRE(Values(f2, "StatusCallback").empty());
    REQUIRE(Values(f2, "StatusCallbackEvent").empty());
  }
}

TEST_CASE("twilio: bad numbers and wrong configs are refused, naming the field",
          "[providers][twilio]") {
  ProviderConfig c = sb::testing::TwilioConfig();
  DialRequest d = Dial();
  d.to = "4155550100";
  auto r = sb::providers::BuildTwilioDial(c, d);
  REQUIRE(r.status().IsInvalidArgument());
  REQUIRE(r.status().message().rfind("to:", 0) == 0);
  d = Dial();
  d.from = "+1 (415) 555";
  r = sb::providers::BuildTwilioDial(c, d);
  REQUIRE(r.status().message().rfind("from:", 0) == 0);
  r = sb::providers::BuildTwilioDial(sb::testing::ExotelConfig(), Dial());
  REQUIRE(r.status().IsInvalidArgument());
  REQUIRE(r.status().message().rfind("provider_type:", 0) == 0);
  c.auth_token.clear();
  r = sb::providers::BuildTwilioDial(c, Dial());
  REQUIRE(r.status().message().rfind("auth_token:", 0) == 0);
}

TEST_CASE("vonage: POST /v1/calls with phone endpoints, answer_url, event_url, bearer JWT",
          "[providers][vonage]") {
  const ProviderConfig c = sb::testing::VonageConfig();
  auto r = sb::providers::BuildVonageDial(c, Dial());
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->method == "POST");
  REQUIRE(r->url == "https://api.nexmo.com/v1/calls");
  REQUIRE(r->content_type == "application/json");
  const std::string auth = *r->Header("Authorization");
  REQUIRE(auth.rfind("Bearer ", 0) == 0);
  REQUIRE(std::count(auth.begin(), auth.end(), '.') == 2);  // header.claims.signature

  const json::value body = json::parse(r->body);
  const json::array& to = body.at("to").as_array();
  REQUIRE(to.size() == 1);
  REQUIRE(to[0].at("type") == "phone");
  REQUIRE(to[0].at("number") == "14155550100");  // E.164 digits, no '+'
  REQUIRE(body.at("from").at("type") == "phone");
  REQUIRE(body.at("from").at("number") == "447700900001");
  REQUIRE(body.at("answer_url").as_array() == json::array{"https://app.example.com/ncco?x=1&y=2"});
  REQUIRE(body.at("event_url").as_array() ==
          json::array{"https://cb.example.com/webhooks/voip/vonage"});
  REQUIRE(body.at("event_method") == "POST");
  REQUIRE(body.as_object().if_contains("ncco") == nullptr);
}

TEST_CASE("vonage: inline NCCO with non-ASCII text goes through as JSON", "[providers][vonage]") {
  ProviderConfig c = sb::testing::VonageConfig();
  c.vonage.answer_url.clear();
  c.vonage.ncco_json = R"([{"action":"talk","text":"Grüße \"Kunde\" & willkommen"}])";
  auto r = sb::providers::BuildVonageDial(c, Dial());
  REQUIRE(r.ok());
  const json::value body = json::parse(r->body);
  REQUIRE(body.at("ncco") == json::parse(c.vonage.ncco_json));
  REQUIRE(body.at("ncco").at(0).at("text") == "Grüße \"Kunde\" & willkommen");
  REQUIRE(body.as_object().if_contains("answer_url") == nullptr);
}

TEST_CASE("exotel: connect two numbers, form-encoded, basic api_key:api_token, .json",
          "[providers][exotel]") {
  const ProviderConfig c = sb::testing::ExotelConfig();
  DialRequest d = Dial();
  d.agent_number = "+919900000001";
  d.call_id = "call&id=1+2 ü";
  auto r = sb::providers::BuildExotelDial(c, d);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->method == "POST");
  REQUIRE(r->url == "https://api.exotel.com/v1/Accounts/acme1/Calls/connect.json");
  REQUIRE(r->content_type == "application/x-www-form-urlencoded");
  REQUIRE(DecodeBasic(*r->Header("Authorization")) == "exotel-api-key:exotel-api-secret");
  const auto form = DecodeForm(r->body);
  REQUIRE(Value(form, "From") == "+919900000001");  // the agent, rung first
  REQUIRE(Value(form, "To") == "+14155550100");
  REQUIRE(Value(form, "CallerId") == "+918030752400");
  REQUIRE(Value(form, "StatusCallback") == "https://cb.example.com/webhooks/voip/exotel");
  REQUIRE(Value(form, "StatusCallbackContentType") == "application/json");
  REQUIRE(Value(form, "StatusCallbackEvents[0]") == "terminal");
  REQUIRE(Value(form, "StatusCallbackEvents[1]") == "answered");
  REQUIRE(Value(form, "CustomField") == "call&id=1+2 ü");
  REQUIRE(Values(form, "Url").empty());
}

TEST_CASE("exotel: connect to a flow without an agent, and neither is refused",
          "[providers][exotel]") {
  ProviderConfig c = sb::testing::ExotelConfig();
  c.api_url.clear();
  c.exotel.subdomain = "api.in.exotel.com";
  c.exotel.flow_url = "http://my.exotel.com/acme1/exoml/start_voice/4242";
  c.auth_token = "token-instead";
  c.api_secret.clear();
  auto r = sb::providers::BuildExotelDial(c, Dial());
  REQUIRE(r.ok());
  REQUIRE(r->url == "https://api.in.exotel.com/v1/Accounts/acme1/Calls/connect.json");
  REQUIRE(DecodeBasic(*r->Header("Authorization")) == "exotel-api-key:token-instead");
  const auto form = DecodeForm(r->body);
  REQUIRE(Value(form, "From") == "+14155550100");
  REQUIRE(Value(form, "Url") == c.exotel.flow_url);
  REQUIRE(Values(form, "To").empty());

  c.exotel.flow_url.clear();
  r = sb::providers::BuildExotelDial(c, Dial());
  REQUIRE(r.status().IsInvalidArgument());
  REQUIRE(r.status().message().rfind("agent_number:", 0) == 0);
}

TEST_CASE("asterisk: POST /ari/channels with query parameters and basic auth",
          "[providers][asterisk]") {
  ProviderConfig c = sb::testing::AsteriskConfig();
  c.caller_id = "Café & Co";
  auto r = sb::providers::BuildAsteriskDial(c, Dial());
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->method == "POST");
  REQUIRE(Path(r->url) == "http://asterisk-server:8088/ari/channels");
  REQUIRE(r->body.empty());
  REQUIRE(DecodeBasic(*r->Header("Authorization")) == "ariuser:s3cr&t:pw");
  const auto q = DecodeForm(Query(r->url));
  REQUIRE(Value(q, "endpoint") == "PJSIP/10014155550100@trunk");
  REQUIRE(Value(q, "extension") == "s");
  REQUIRE(Value(q, "context") == "from-switchboard");
  REQUIRE(Value(q, "priority") == "1");
  REQUIRE(Value(q, "callerId") == "\"Café & Co\" <+1234567890>");
  REQUIRE(Value(q, "timeout") == "30");
  REQUIRE(Value(q, "channelId") == "call-7f3a");
  REQUIRE(Values(q, "app").empty());
  REQUIRE(Query(r->url).find("%26") != std::string::npos);  // '&' in the name is escaped
  REQUIRE(Query(r->url).find("%2B1234567890") != std::string::npos);
}

TEST_CASE("asterisk: Stasis app, e164 endpoint, api_key credentials, base ending in /ari",
          "[providers][asterisk]") {
  ProviderConfig c = sb::testing::AsteriskConfig();
  c.api_url = "https://pbx.example.com:8089/ari/";
  c.asterisk.extension.clear();
  c.asterisk.context.clear();
  c.asterisk.app = "switchboard";
  c.asterisk.app_args = "outbound,call-7f3a";
  c.asterisk.endpoint_template = "PJSIP/{{e164}}@carrier";
  c.api_key = "ari";
  c.api_secret = "pw";
  c.caller_id.clear();
  auto r = sb::providers::BuildAsteriskDial(c, Dial());
  REQUIRE(r.ok());
  REQUIRE(Path(r->url) == "https://pbx.example.com:8089/ari/channels");
  REQUIRE(DecodeBasic(*r->Header("Authorization")) == "ari:pw");
  const auto q = DecodeForm(Query(r->url));
  REQUIRE(Value(q, "endpoint") == "PJSIP/+14155550100@carrier");
  REQUIRE(Value(q, "app") == "switchboard");
  REQUIRE(Value(q, "appArgs") == "outbound,call-7f3a");
  REQUIRE(Value(q, "callerId") == "+1234567890");
  REQUIRE(Values(q, "extension").empty());
  REQUIRE(Values(q, "priority").empty());
}

TEST_CASE("mcube: bearer token and the assumed JSON body", "[providers][mcube]") {
  const ProviderConfig c = sb::testing::McubeConfig();
  DialRequest d = Dial();
  d.agent_number = "+919900000001";
  d.status_callback_url = "https://cb.example.com/mcube?x=1&y=2";
  auto r = sb::providers::BuildMcubeDial(c, d);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->method == "POST");
  REQUIRE(r->url == "https://api.mcube.com/restmcube-api/outbound-calls");
  REQUIRE(r->Header("Authorization") == "Bearer mcube-bearer-token");
  REQUIRE(r->content_type == "application/json");
  const json::value body = json::parse(r->body);
  REQUIRE(body.at("exenumber") == "+919900000001");
  REQUIRE(body.at("custnumber") == "+14155550100");
  REQUIRE(body.at("callerid") == "+1234567890");
  REQUIRE(body.at("refid") == "call-7f3a");
  REQUIRE(body.at("refurl") == "https://cb.example.com/mcube?x=1&y=2");
}

TEST_CASE("generic: URL, headers and JSON body from the template, each value escaped",
          "[providers][generic]") {
  const ProviderConfig c = sb::testing::GenericConfig();
  DialRequest d = Dial();
  d.call_id = "id \"q\" \\ & ünï+";
  d.status_callback_url = "https://cb.example.com/g?a=1&b=2";
  auto r = sb::providers::BuildGenericDial(c, d);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->method == "POST");
  REQUIRE(Path(r->url) == "http://sip-provider.com/api/dial");
  const auto q = DecodeForm(Query(r->url));
  REQUIRE(Value(q, "to") == "+14155550100");
  REQUIRE(Value(q, "ref") == d.call_id);
  REQUIRE(r->Header("X-Call") == d.call_id);
  REQUIRE(r->Header("Authorization") == "Bearer generic-token");
  REQUIRE(r->content_type == "application/json");
  const json::value body = json::parse(r->body);  // throws if escaping broke the JSON
  REQUIRE(body.at("to") == "+14155550100");
  REQUIRE(body.at("from") == "+1234567890");
  REQUIRE(body.at("ref") == json::value(d.call_id));
  REQUIRE(body.at("cb") == "https://cb.example.com/g?a=1&b=2");
}

TEST_CASE("generic: form body, configured Authorization, header injection refused",
          "[providers][generic]") {
  ProviderConfig c = sb::testing::GenericConfig();
  c.generic.method = "PUT";
  c.generic.url_template.clear();
  c.api_url = "https://dial.example.com/v2/calls";
  c.generic.content_type = "application/x-www-form-urlencoded; charset=utf-8";
  c.generic.body_template = "number={{to}}&cb={{callback_url}}&ref={{call_id}}";
  c.generic.headers = {{"Authorization", "Token abc"}, {"X-Call", "{{call_id}}"}};
  DialRequest d = Dial();
  d.call_id = "a&b=c+d é";
  d.status_callback_url = "https://cb.example.com/g?a=1&b=2";
  auto r = sb::providers::BuildGenericDial(c, d);
  REQUIRE(r.ok());
  REQUIRE(r->method == "PUT");
  REQUIRE(r->url == "https://dial.example.com/v2/calls");
  REQUIRE(r->Header("Authorization") == "Token abc");  // not replaced by the bearer token
  const auto form = DecodeForm(r->body);
  REQUIRE(Value(form, "number") == "+14155550100");
  REQUIRE(Value(form, "cb") == "https://cb.example.com/g?a=1&b=2");
  REQUIRE(Value(form, "ref") == "a&b=c+d é");

  d.call_id = "evil\r\nX-Injected: 1";
  r = sb::providers::BuildGenericDial(c, d);
  REQUIRE(r.status().IsInvalidArgument());
  REQUIRE(r.status().message().rfind("generic.headers:", 0) == 0);
}

TEST_CASE("BuildDial dispatches on provider_type and refuses inactive providers",
          "[providers][adapter]") {
  ProviderConfig c = sb::testing::AsteriskConfig();
  auto r = sb::providers::BuildDial(c, Dial());
  REQUIRE(r.ok());
  REQUIRE(Path(r->url) == "http://asterisk-server:8088/ari/channels");
  c = sb::testing::TwilioConfig();
  r = sb::providers::BuildDial(c, Dial());
  REQUIRE(r.ok());
  REQUIRE(r->url.find("/Calls.json") != std::string::npos);
  c.is_active = false;
  r = sb::providers::BuildDial(c, Dial());
  REQUIRE(r.status().IsFailed());
  REQUIRE(r.status().message().rfind("is_active:", 0) == 0);
}
