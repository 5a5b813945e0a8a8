// The Vonage builder's bearer JWT: RS256, verified with the application's public key by
// libjwt, with the documented claims; a wrong key or a tampered token does not verify.
#include <catch2/catch.hpp>

#include <jwt.h>

#include <ctime>
#include <memory>
#include <set>
#include <string>

#include "http/providers/encoding.h"
#include "http/providers/vonage.h"
#include "tests/providers/sample_configs.h"
#include "tests/providers/wire_decode.h"

namespace {

using JwtPtr = std::unique_ptr<jwt_t, decltype(&jwt_free)>;

std::string BearerToken(const sb::providers::OutboundRequest& r) {
  const std::string auth = r.Header("Authorization").value_or("");
  REQUIRE(auth.rfind("Bearer ", 0) == 0);
  return auth.substr(7);
}

// libjwt verifies the signature with `public_pem`; null when it does not verify.
JwtPtr Verify(const std::string& token, const std::string& public_pem) {
  jwt_t* decoded = nullptr;
  const int rc =
      jwt_decode(&decoded, token.c_str(), reinterpret_cast<const unsigned char*>(public_pem.data()),
                 static_cast<int>(public_pem.size()));
  if (rc != 0) {
    if (decoded) jwt_free(decoded);
    decoded = nullptr;
  }
  return JwtPtr(decoded, &jwt_free);
}

std::string Base64UrlToStd(std::string s) {
  for (char& c : s) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (s.size() % 4) s.push_back('=');
  return s;
}

}  // namespace

TEST_CASE("vonage JWT verifies with the public key and carries the claims",
          "[providers][vonage][jwt]") {
  const auto config = sb::testing::VonageConfig();
  sb::providers::DialRequest dial;
  dial.to = "+14155550100";
  dial.attempt_id = "jti-attempt-42";
  dial.now_unix_seconds = 1700000000;
  auto r = sb::providers::BuildVonageDial(config, dial);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  const std::string token = BearerToken(*r);

  JwtPtr jwt = Verify(token, sb::testing::VonageKeys().public_pem);
  REQUIRE(jwt != nullptr);
  REQUIRE(jwt_get_alg(jwt.get()) == JWT_ALG_RS256);
  REQUIRE(std::string(jwt_get_grant(jwt.get(), "application_id")) == config.vonage.application_id);
  REQUIRE(std::string(jwt_get_grant(jwt.get(), "jti")) == "jti-attempt-42");
  REQUIRE(jwt_get_grant_int(jwt.get(), "iat") == 1700000000);
  REQUIRE(jwt_get_grant_int(jwt.get(), "exp") == 1700000000 + 900);

  // The header says RS256 / JWT in plain JSON.
  const std::string header =
      sb::testing::Base64Decode(Base64UrlToStd(token.substr(0, token.find('.'))));
  REQUIRE(header.find("\"RS256\"") != std::string::npos);
}

TEST_CASE("vonage JWT does not verify with another key or when tampered",
          "[providers][vonage][jwt]") {
  const auto config = sb::testing::VonageConfig();
  sb::providers::DialRequest dial;
  dial.to = "+14155550100";
  dial.now_unix_seconds = 1700000000;
  auto r = sb::providers::BuildVonageDial(config, dial);
  REQUIRE(r.ok());
  const std::string token = BearerToken(*r);

  const auto other = sb::testing::MakeRsaKeyPair();
  REQUIRE(Verify(token, other.public_pem) == nullptr);

  // Swap the claims for others (a different application) and keep the signature.
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  std::string forged_claims = R"({"application_id":"someone-else","iat":1700000000})";
  std::string b64 = sb::providers::Base64Encode(forged_claims);
  for (char& c : b64) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  const std::string tampered = token.substr(0, first + 1) + b64 + token.substr(second);
  REQUIRE(Verify(tampered, sb::testing::VonageKeys().public_pem) == nullptr);
  REQUIRE(Verify(token, sb::testing::VonageKeys().public_pem) != nullptr);  // control
}

TEST_CASE("vonage jti is fresh per attempt and iat follows the clock when not pinned",
          "[providers][vonage][jwt]") {
  const auto config = sb::testing::VonageConfig();
  sb::providers::DialRequest dial;
  dial.to = "+14155550100";
  std::set<std::string> jtis;
  const long before = static_cast<long>(std::time(nullptr));
  for (int i = 0; i < 3; ++i) {
    auto r = sb::providers::BuildVonageDial(config, dial);
    REQUIRE(r.ok());
    JwtPtr jwt = Verify(BearerToken(*r), sb::testing::VonageKeys().public_pem);
    REQUIRE(jwt != nullptr);
    jtis.insert(jwt_get_grant(jwt.get(), "jti"));
    const long iat = jwt_get_grant_int(jwt.get(), "iat");
    REQUIRE(iat >= before);
    REQUIRE(iat <= static_cast<long>(std::time(nullptr)));
  }
  REQUIRE(jtis.size() == 3);
}
