// Signatures: Twilio's documented X-Twilio-Signature vectors (form and JSON/bodySHA256), what
// tampering with any signed part does, and the generic X-Signature with its timestamp window.
#include <catch2/catch.hpp>

#include <string>

#include "http/webhooks/form_params.h"
#include "http/webhooks/generic_signature.h"
#include "http/webhooks/twilio_signature.h"

namespace {

using sb::Status;
using sb::webhooks::ComputeGenericSignature;
using sb::webhooks::ComputeTwilioSignature;
using sb::webhooks::FormParams;
using sb::webhooks::TwilioBodySha256;
using sb::webhooks::TwilioUrlWithBodyHash;
using sb::webhooks::VerifyGenericSignature;
using sb::webhooks::VerifyTwilioJsonSignature;
using sb::webhooks::VerifyTwilioSignature;

// Twilio's documentation example ("Validating requests", also the helper libraries' tests).
constexpr char kToken[] = "12345";
constexpr char kUrl[] = "https://mycompany.com/myapp.php?foo=1&bar=2";
constexpr char kDocsSignature[] = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

FormParams DocsParams() {
  return {{"CallSid", "CA1234567890ABCDE"},
          {"Caller", "+12349013030"},
          {"Digits", "1234"},
          {"From", "+12349013030"},
          {"To", "+18005551212"}};
}

}  // namespace

TEST_CASE("Twilio: the documented example signature is computed and accepted") {
  CHECK(ComputeTwilioSignature(kToken, kUrl, DocsParams()) == kDocsSignature);
  CHECK(VerifyTwilioSignature(kToken, kUrl, DocsParams(), kDocsSignature).ok());
}

TEST_CASE("Twilio: the parameters' wire order does not matter, they are signed sorted") {
  FormParams shuffled = {{"To", "+18005551212"},
                         {"Digits", "1234"},
                         {"CallSid", "CA1234567890ABCDE"},
                         {"From", "+12349013030"},
                         {"Caller", "+12349013030"}};
  CHECK(VerifyTwilioSignature(kToken, kUrl, shuffled, kDocsSignature).ok());
}

TEST_CASE("Twilio: a default port in the URL is accepted either way") {
  // Signed over the URL with :443, checked against the URL without it, and vice versa.
  const std::string with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
  const std::string signed_with_port = ComputeTwilioSignature(kToken, with_port, DocsParams());
  CHECK(signed_with_port == "EpDEmp1PyjDYp77YxYU3GILBWzE=");
  CHECK(VerifyTwilioSignature(kToken, kUrl, DocsParams(), signed_with_port).ok());
  CHECK(VerifyTwilioSignature(kToken, with_port, DocsParams(), kDocsSignature).ok());
  // Another port is another URL.
  const Status other = VerifyTwilioSignature(
      kToken, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", DocsParams(), kDocsSignature);
  CHECK(other.message() == "X-Twilio-Signature: does not match");
}

TEST_CASE("Twilio: tampering with a parameter, the URL or the token is refused") {
  SECTION("a changed value") {
    FormParams params = DocsParams();
    params[2].second = "9999";
    const Status s = VerifyTwilioSignature(kToken, kUrl, params, kDocsSignature);
    CHECK(s.IsInvalidArgument());
    CHECK(s.message() == "X-Twilio-Signature: does not match");
  }
  SECTION("an added parameter") {
    FormParams params = DocsParams();
    params.emplace_back("CallStatus", "completed");
    CHECK_FALSE(VerifyTwilioSignature(kToken, kUrl, params, kDocsSignature).ok());
  }
  SECTION("a removed parameter") {
    FormParams params = DocsParams();
    params.pop_back();
    CHECK_FALSE(VerifyTwilioSignature(kToken, kUrl, params, kDocsSignature).ok());
  }
  SECTION("a changed query string, path or scheme") {
    CHECK_FALSE(VerifyTwilioSignature(kToken, "https://mycompany.com/myapp.php?foo=1&bar=3",
                                      DocsParams(), kDocsSignature)
                    .ok());
    CHECK_FALSE(VerifyTwilioSignature(kToken, "https://mycompany.com/other.php?foo=1&bar=2",
                                      DocsParams(), kDocsSignature)
                    .ok());
    CHECK_FALSE(VerifyTwilioSignature(kToken, "http://mycompany.com/myapp.php?foo=1&bar=2",
                                      DocsParams(), kDocsSignature)
                    .ok());
  }
  SECTION("another token") {
    CHECK_FALSE(VerifyTwilioSignature("54321", kUrl, DocsParams(), kDocsSignature).ok());
  }
  SECTION("a signature one character off") {
    std::string sig = kDocsSignature;
    sig[0] = '1';
    CHECK_FALSE(VerifyTwilioSignature(kToken, kUrl, DocsParams(), sig).ok());
    CHECK_FALSE(VerifyTwilioSignature(kToken, kUrl, DocsParams(), sig.substr(0, 10)).ok());
  }
}

TEST_CASE("Twilio: a missing signature or a missing token is refused with its reason") {
  CHECK(VerifyTwilioSignature(kToken, kUrl, DocsParams(), "").message() ==
        "X-Twilio-Signature: missing");
  CHECK(VerifyTwilioSignature(kToken, kUrl, DocsParams(), "   ").message() ==
        "X-Twilio-Signature: missing");
  CHECK(VerifyTwilioSignature("", kUrl, DocsParams(), kDocsSignature).message() ==
        "auth_token: not configured");
  // Surrounding whitespace from a sloppy proxy does not matter.
  CHECK(VerifyTwilioSignature(kToken, kUrl, DocsParams(), std::string(" ") + kDocsSignature).ok());
}

TEST_CASE("Twilio: a repeated parameter is signed once per distinct value, sorted") {
  const FormParams params = {{"StatusCallbackEvent", "ringing"},
                             {"StatusCallbackEvent", "answered"},
                             {"StatusCallbackEvent", "ringing"}};
  const FormParams canonical = {{"StatusCallbackEvent", "answered"},
                                {"StatusCallbackEvent", "ringing"}};
  CHECK(ComputeTwilioSignature(kToken, kUrl, params) ==
        ComputeTwilioSignature(kToken, kUrl, canonical));
  CHECK(ComputeTwilioSignature(kToken, kUrl, params) !=
        ComputeTwilioSignature(kToken, kUrl, {{"StatusCallbackEvent", "ringing"}}));
}

TEST_CASE("Twilio JSON: the bodySHA256 variant of the helper libraries' example") {
  const std::string body = R"({"property": "value", "boolean": true})";
  CHECK(TwilioBodySha256(body) ==
        "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
  const std::string url = TwilioUrlWithBodyHash(kUrl, body);
  CHECK(url == std::string(kUrl) +
                   "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
  const std::string signature = ComputeTwilioSignature(kToken, url, {});
  CHECK(signature == "a9nBmqA0ju/hNViExpshrM61xv4=");
  CHECK(VerifyTwilioJsonSignature(kToken, url, body, signature).ok());

  SECTION("a tampered body no longer matches its hash") {
    const Status s = VerifyTwilioJsonSignature(kToken, url, R"({"property": "other"})", signature);
    CHECK(s.message() == "bodySHA256: does not match the body");
  }
  SECTION("a URL without bodySHA256 is refused even when its signature is right") {
    const std::string plain_sig = ComputeTwilioSignature(kToken, kUrl, {});
    CHECK(VerifyTwilioJsonSignature(kToken, kUrl, body, plain_sig).message() ==
          "bodySHA256: missing from the URL");
  }
  SECTION("swapping in another body and its hash breaks the signature") {
    const std::string other = R"({"property": "other"})";
    const Status s =
        VerifyTwilioJsonSignature(kToken, TwilioUrlWithBodyHash(kUrl, other), other, signature);
    CHECK(s.message() == "X-Twilio-Signature: does not match");
  }
  SECTION("a hash in upper-case hex is the same hash") {
    std::string upper = std::string(kUrl) + "&bodySHA256=" + TwilioBodySha256(body);
    for (size_t i = upper.size() - 64; i < upper.size(); ++i) {
      if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = static_cast<char>(upper[i] - 32);
    }
    CHECK(VerifyTwilioJsonSignature(kToken, upper, body, ComputeTwilioSignature(kToken, upper, {}))
              .ok());
  }
  SECTION("a URL without a query string gets one") {
    CHECK(TwilioUrlWithBodyHash("https://x.example/hook", "{}") ==
          "https://x.example/hook?bodySHA256=" + TwilioBodySha256("{}"));
  }
}

namespace {

constexpr char kSecret[] = "generic-secret";
constexpr char kBody[] =
    R"({"event_type":"CALL_ANSWERED","session_id":"sess_1234567890",)"
    R"("correlation_id":"corr_1234567890","from_phone":"+0987654321","to_phone":"+1234567890",)"
    R"("status":"CONNECTED","timestamp":"2025-12-03T10:30:00Z"})";
constexpr char kBodySignature[] =
    "828385098d8cc71deebe8ee54a0b2f674129e86cd86d5fa0af495ed172b4ad4e";
constexpr int64_t kNow = 1764757800;  // 2025-12-03T10:30:00Z

}  // namespace

TEST_CASE("Generic: X-Signature is hex HMAC-SHA256 of the body alone") {
  CHECK(ComputeGenericSignature(kSecret, kBody) == kBodySignature);
  const std::string now = std::to_string(kNow);
  CHECK(VerifyGenericSignature(kSecret, kBody, kBodySignature, now, kNow).ok());
  // The timestamp is not signed: the same signature holds with any fresh X-Timestamp.
  CHECK(
      VerifyGenericSignature(kSecret, kBody, kBodySignature, std::to_string(kNow - 10), kNow).ok());
  // Upper-case hex is the same signature.
  std::string upper = kBodySignature;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 32);
  }
  CHECK(VerifyGenericSignature(kSecret, kBody, upper, now, kNow).ok());
}

TEST_CASE("Generic: bad, missing and wrong-secret signatures are refused") {
  const std::string now = std::to_string(kNow);
  std::string tampered_body = kBody;
  tampered_body.replace(tampered_body.find("CALL_ANSWERED"), 13, "CALL_ENDED___");
  CHECK(VerifyGenericSignature(kSecret, tampered_body, kBodySignature, now, kNow).message() ==
        "X-Signature: does not match");
  CHECK(VerifyGenericSignature("other-secret", kBody, kBodySignature, now, kNow).message() ==
        "X-Signature: does not match");
  CHECK(VerifyGenericSignature(kSecret, kBody, "", now, kNow).message() == "X-Signature: missing");
  CHECK(VerifyGenericSignature(kSecret, kBody, "not-hex", now, kNow).message() ==
        "X-Signature: does not match");
  CHECK(VerifyGenericSignature("", kBody, kBodySignature, now, kNow).message() ==
        "secret: not configured");
}

TEST_CASE("Generic: X-Timestamp must be within 300 s of now, either way") {
  auto verify = [](const std::string& stamp) {
    return VerifyGenericSignature(kSecret, kBody, kBodySignature, stamp, kNow);
  };
  CHECK(verify(std::to_string(kNow - 300)).ok());
  CHECK(verify(std::to_string(kNow + 300)).ok());
  CHECK(verify(" " + std::to_string(kNow) + " ").ok());

  const Status stale = verify(std::to_string(kNow - 301));
  CHECK(stale.IsInvalidArgument());
  CHECK(stale.message() == "X-Timestamp: stale (301 s old, the window is 300 s)");
  // A replay an hour later, with the header as captured.
  CHECK(verify(std::to_string(kNow - 3600)).message().rfind("X-Timestamp: stale", 0) == 0);

  CHECK(verify(std::to_string(kNow + 301)).message() ==
        "X-Timestamp: in the future (301 s ahead, the window is 300 s)");
  CHECK(verify("").message() == "X-Timestamp: missing");
  for (const char* bad : {"abc", "-5", "1764757800.5", "1e9", "99999999999999999999"}) {
    CAPTURE(bad);
    CHECK(verify(bad).message() == "X-Timestamp: not unix seconds");
  }
}

TEST_CASE("Generic: a forged request is refused for its signature before its timestamp") {
  // Nothing about the window leaks to someone who cannot sign.
  CHECK(VerifyGenericSignature(kSecret, kBody, "00", "0", kNow).message() ==
        "X-Signature: does not match");
}
