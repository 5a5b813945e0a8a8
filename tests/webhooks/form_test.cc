// Form decoding (application/x-www-form-urlencoded), as Twilio posts its webhooks.
#include <catch2/catch.hpp>

#include <string>

#include "http/providers/encoding.h"
#include "http/webhooks/form_params.h"

namespace {

using sb::webhooks::DecodeForm;
using sb::webhooks::FormParams;
using sb::webhooks::FormValues;
using sb::webhooks::SingleFormValue;
using sb::webhooks::SortedForSigning;

FormParams Decode(const std::string& body) {
  auto r = DecodeForm(body);
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("Form: '+' is a space and %XX a byte, in either hex case") {
  const FormParams p = Decode("From=%2B14155550100&Caller=John+Smith&Note=a%2bb%3D%26c%e2%82%AC");
  REQUIRE(p.size() == 3);
  CHECK(p[0] == std::pair<std::string, std::string>("From", "+14155550100"));
  CHECK(p[1] == std::pair<std::string, std::string>("Caller", "John Smith"));
  CHECK(p[2] == std::pair<std::string, std::string>("Note", "a+b=&c\xE2\x82\xAC"));
}

TEST_CASE("Form: names are decoded too, and only the first '=' splits") {
  const FormParams p = Decode("a%20b=c=d");
  REQUIRE(p.size() == 1);
  CHECK(p[0].first == "a b");
  CHECK(p[0].second == "c=d");
}

TEST_CASE("Form: repeated keys are kept in wire order") {
  const FormParams p = Decode("E=ringing&To=%2B1&E=answered&E=completed");
  REQUIRE(p.size() == 4);
  CHECK(FormValues(p, "E") == std::vector<std::string_view>{"ringing", "answered", "completed"});
  CHECK(p[1].first == "To");
  auto single = SingleFormValue(p, "E");
  REQUIRE_FALSE(single.ok());
  CHECK(single.status().message() == "E: repeated");
  auto to = SingleFormValue(p, "To");
  REQUIRE(to.ok());
  CHECK(*to == std::optional<std::string>("+1"));
  auto absent = SingleFormValue(p, "From");
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->has_value());
}

TEST_CASE("Form: empty values, bare names and empty segments") {
  const FormParams p = Decode("ForwardedFrom=&CallerName&&=x&");
  REQUIRE(p.size() == 3);
  CHECK(p[0] == std::pair<std::string, std::string>("ForwardedFrom", ""));
  CHECK(p[1] == std::pair<std::string, std::string>("CallerName", ""));
  CHECK(p[2] == std::pair<std::string, std::string>("", "x"));
  CHECK(Decode("").empty());
  CHECK(Decode("&&").empty());
}

TEST_CASE("Form: a malformed escape is refused, naming where it is") {
  for (const char* body : {"a=%", "a=%4", "a=%zz", "a=%4g&b=1", "%=1"}) {
    CAPTURE(body);
    auto r = DecodeForm(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().IsInvalidArgument());
    CHECK(r.status().message().rfind("form: bad %-escape at byte ", 0) == 0);
  }
  CHECK(DecodeForm("a=1&b=%zz").status().message() == "form: bad %-escape at byte 6");
  // An escape cannot borrow the '&' of the next pair.
  CHECK_FALSE(DecodeForm("a=%4&1=2").ok());
}

TEST_CASE("Form: what the provider builders encode decodes to the same fields") {
  const FormParams fields = {{"To", "+14155550100"},
                             {"Twiml", "<Response><Say>Hi & bye</Say></Response>"},
                             {"StatusCallbackEvent", "ringing"},
                             {"StatusCallbackEvent", "answered"},
                             {"Empty", ""}};
  CHECK(Decode(sb::providers::FormEncode(fields)) == fields);
}

TEST_CASE("Form: the signing view is sorted by name, then value, byte-wise") {
  const FormParams p = Decode("b=2&a=9&B=1&a=1&a=9");
  const auto sorted = SortedForSigning(p);
  REQUIRE(sorted.size() == 4);    // the second a=9 is the same pair, kept once
  CHECK(sorted[0].first == "B");  // upper case sorts before lower case
  CHECK(sorted[1] == std::pair<std::string_view, std::string_view>("a", "1"));
  CHECK(sorted[2] == std::pair<std::string_view, std::string_view>("a", "9"));
  CHECK(sorted[3].first == "b");
}
