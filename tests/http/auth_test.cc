// Tokens: minting, verification and its refusals, and Authenticate's answers.
#include <jwt.h>
#include <stdlib.h>

#include <string>
#include <variant>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/auth.h"
#include "http/token_verifier.h"

namespace sb::http {
namespace {

constexpr int64_t kNow = 1'800'000'000;
const std::string kSecret = "test-secret-0123456789";

std::string Base64Url(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint8_t(in[i]) << 16;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
  }
  return out;
}

std::string Claims(const std::string& tenant, const std::string& role, const std::string& sub,
                   int64_t exp) {
  return boost::json::serialize(boost::json::object{
      {"tenant", tenant}, {"role", role}, {"sub", sub}, {"iat", kNow}, {"exp", exp}});
}

// One verifier for all the tests, as a server has: answers from its memory must be the same.
const TokenVerifier& Tokens() {
  static const TokenVerifier tokens(kSecret);
  return tokens;
}

std::string Mint(const Principal& p, int64_t ttl = 600, const std::string& secret = kSecret) {
  auto token = MintToken(secret, p, ttl, kNow);
  REQUIRE(token.ok());
  return *token;
}

// Signs arbitrary claims with libjwt: for tokens MintToken would never produce.
std::string Sign(jwt_alg_t alg, const std::string& claims, const std::string& secret = kSecret) {
  jwt_t* jwt = nullptr;
  REQUIRE(jwt_new(&jwt) == 0);
  REQUIRE(jwt_add_grants_json(jwt, claims.c_str()) == 0);
  REQUIRE(jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(secret.data()),
                      static_cast<int>(secret.size())) == 0);
  char* encoded = jwt_encode_str(jwt);
  jwt_free(jwt);
  REQUIRE(encoded != nullptr);
  std::string out(encoded);
  free(encoded);
  return out;
}

Request WithBearer(const std::string& token) {
  Request r;
  r.headers.emplace_back("authorization", "Bearer " + token);
  return r;
}

int StatusOf(const std::variant<Principal, Response>& v) {
  return std::holds_alternative<Response>(v) ? std::get<Response>(v).status : 200;
}

std::string CodeOf(const std::variant<Principal, Response>& v) {
  REQUIRE(std::holds_alternative<Response>(v));
  return std::string(
      boost::json::parse(std::get<Response>(v).body).at("error").at("code").as_string());
}

TEST_CASE("roles round-trip through their names", "[http][auth]") {
  for (Role r : {Role::kAdmin, Role::kSupervisor, Role::kAgent, Role::kCustomer}) {
    CHECK(ParseRole(RoleName(r)) == r);
  }
  CHECK_FALSE(ParseRole("Admin"));
  CHECK_FALSE(ParseRole("root"));
  CHECK_FALSE(ParseRole(""));
}

TEST_CASE("a minted token verifies to the same principal", "[http][auth]") {
  const std::string token = Mint({"acme", Role::kSupervisor, "sup-7"});
  auto p = VerifyToken(kSecret, token, kNow + 10);
  REQUIRE(p.ok());
  CHECK(p->tenant == "acme");
  CHECK(p->role == Role::kSupervisor);
  CHECK(p->subject == "sup-7");
  // The header is HS256 and the claims are the documented ones.
  const size_t dot = token.find('.');
  REQUIRE(dot != std::string::npos);
  CHECK(token.substr(0, dot) == Base64Url(R"({"alg":"HS256","typ":"JWT"})"));
}

TEST_CASE("an expired token is refused", "[http][auth]") {
  const std::string token = Mint({"acme", Role::kAgent, "a1"}, 60);
  CHECK(VerifyToken(kSecret, token, kNow + 59).ok());
  auto at_expiry = VerifyToken(kSecret, token, kNow + 60);
  REQUIRE_FALSE(at_expiry.ok());
  CHECK(at_expiry.status().IsInvalidArgument());
  CHECK(at_expiry.status().message().find("expired") != std::string::npos);
}

TEST_CASE("a token signed with another secret is refused", "[http][auth]") {
  const std::string token = Mint({"acme", Role::kAdmin, "root"}, 600, "another-secret");
  auto p = VerifyToken(kSecret, token, kNow);
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message().find("signature") != std::string::npos);
}

TEST_CASE("a token with a tampered payload is refused", "[http][auth]") {
  const std::string token = Mint({"acme", Role::kCustomer, "cust-1"});
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  const std::string forged = token.substr(0, first + 1) +
                             Base64Url(Claims("acme", "admin", "cust-1", kNow + 600)) +
                             token.substr(second);
  CHECK_FALSE(VerifyToken(kSecret, forged, kNow).ok());
  // Another tenant's payload under the same signature, too.
  const std::string other_tenant = token.substr(0, first + 1) +
                                   Base64Url(Claims("evil", "customer", "cust-1", kNow + 600)) +
                                   token.substr(second);
  CHECK_FALSE(VerifyToken(kSecret, other_tenant, kNow).ok());
}

TEST_CASE("an unsigned alg:none token is refused", "[http][auth]") {
  const std::string payload = Base64Url(Claims("acme", "admin", "root", kNow + 600));
  for (const char* header :
       {R"({"alg":"none","typ":"JWT"})", R"({"alg":"none"})", R"({"alg":"NONE","typ":"JWT"})"}) {
    INFO(header);
    const std::string h = Base64Url(header);
    CHECK_FALSE(VerifyToken(kSecret, h + "." + payload + ".", kNow).ok());
    CHECK_FALSE(VerifyToken(kSecret, h + "." + payload, kNow).ok());
  }
}

TEST_CASE("tokens with another algorithm, bad or missing claims are refused", "[http][auth]") {
  const int64_t exp = kNow + 600;
  // Validly signed with our secret, but not what we accept.
  CHECK_FALSE(
      VerifyToken(kSecret, Sign(JWT_ALG_HS512, Claims("acme", "admin", "a", exp)), kNow).ok());
  CHECK_FALSE(
      VerifyToken(kSecret, Sign(JWT_ALG_HS384, Claims("acme", "admin", "a", exp)), kNow).ok());
  auto bad_role = VerifyToken(kSecret, Sign(JWT_ALG_HS256, Claims("acme", "boss", "a", exp)), kNow);
  REQUIRE_FALSE(bad_role.ok());
  CHECK(bad_role.status().message().find("role") != std::string::npos);
  CHECK_FALSE(
      VerifyToken(kSecret, Sign(JWT_ALG_HS256, Claims("ac/me", "agent", "a", exp)), kNow).ok());
  CHECK_FALSE(
      VerifyToken(kSecret, Sign(JWT_ALG_HS256, Claims("acme", "agent", "", exp)), kNow).ok());
  CHECK_FALSE(VerifyToken(kSecret,
                          Sign(JWT_ALG_HS256, R"({"tenant":"acme","role":"agent","sub":"a"})"),
                          kNow)
                  .ok());  // no exp
  CHECK_FALSE(VerifyToken(kSecret,
                          Sign(JWT_ALG_HS256, R"({"role":"agent","sub":"a","exp":1900000000})"),
                          kNow)
                  .ok());  // no tenant
  CHECK_FALSE(VerifyToken(kSecret,
                          Sign(JWT_ALG_HS256, R"({"tenant":"acme","sub":"a","exp":1900000000})"),
                          kNow)
                  .ok());  // no role
  CHECK_FALSE(VerifyToken(kSecret,
                          Sign(JWT_ALG_HS256,
                               R"({"tenant":"acme","role":"agent","sub":"a","exp":"1900000000"})"),
                          kNow)
                  .ok());  // exp not a number
  CHECK(VerifyToken(kSecret, Sign(JWT_ALG_HS256, Claims("acme", "agent", "a", exp)), kNow).ok());
  // Not tokens at all.
  CHECK_FALSE(VerifyToken(kSecret, "not.a.token", kNow).ok());
  CHECK_FALSE(VerifyToken(kSecret, "", kNow).ok());
  CHECK_FALSE(VerifyToken(kSecret, std::string(10000, 'a'), kNow).ok());
  CHECK_FALSE(VerifyToken("", Mint({"acme", Role::kAgent, "a"}), kNow).ok());
}

TEST_CASE("minting refuses bad input", "[http][auth]") {
  CHECK(MintToken("", {"acme", Role::kAgent, "a"}, 60, kNow).status().IsInvalidArgument());
  CHECK(MintToken(kSecret, {"acme", Role::kAgent, "a"}, 0, kNow).status().IsInvalidArgument());
  CHECK(MintToken(kSecret, {"", Role::kAgent, "a"}, 60, kNow).status().IsInvalidArgument());
  CHECK(MintToken(kSecret, {"ac/me", Role::kAgent, "a"}, 60, kNow).status().IsInvalidArgument());
  CHECK(MintToken(kSecret, {"acme", Role::kAgent, ""}, 60, kNow).status().IsInvalidArgument());
  CHECK(MintToken(kSecret, {"acme", Role::kAgent, std::string(129, 'a')}, 60, kNow)
            .status()
            .IsInvalidArgument());
}

TEST_CASE("Authenticate takes a bearer header", "[http][auth]") {
  const std::string token = Mint({"acme", Role::kAgent, "agent-1"});
  auto result = Authenticate(WithBearer(token), Tokens(), kNow, false);
  REQUIRE(std::holds_alternative<Principal>(result));
  CHECK(std::get<Principal>(result).subject == "agent-1");

  Request lower_scheme;
  lower_scheme.headers.emplace_back("authorization", "bearer   " + token + " ");
  CHECK(StatusOf(Authenticate(lower_scheme, Tokens(), kNow, false)) == 200);

  Request none;
  auto missing = Authenticate(none, Tokens(), kNow, false);
  CHECK(StatusOf(missing) == 401);
  CHECK(CodeOf(missing) == "unauthorized");
  bool challenge = false;
  for (const auto& [k, v] : std::get<Response>(missing).headers) {
    challenge |= k == "WWW-Authenticate" && v == "Bearer";
  }
  CHECK(challenge);

  Request basic;
  basic.headers.emplace_back("authorization", "Basic dXNlcjpwYXNz");
  CHECK(StatusOf(Authenticate(basic, Tokens(), kNow, true)) == 401);
  CHECK(StatusOf(Authenticate(WithBearer("garbage"), Tokens(), kNow, false)) == 401);
  CHECK(StatusOf(Authenticate(WithBearer(token), Tokens(), kNow + 601, false)) == 401);
}

TEST_CASE("Authenticate refuses a bad role in a validly signed token", "[http][auth]") {
  auto result =
      Authenticate(WithBearer(Sign(JWT_ALG_HS256, Claims("acme", "superuser", "a1", kNow + 600))),
                   Tokens(), kNow, false);
  CHECK(StatusOf(result) == 401);
  CHECK(CodeOf(result) == "unauthorized");
}

TEST_CASE("Authenticate answers 403 on a tenant mismatch", "[http][auth]") {
  Request r = WithBearer(Mint({"acme", Role::kAdmin, "root"}));
  r.headers.emplace_back("x-tenant-id", "acme");
  CHECK(StatusOf(Authenticate(r, Tokens(), kNow, false)) == 200);
  Request other = WithBearer(Mint({"acme", Role::kAdmin, "root"}));
  other.headers.emplace_back("x-tenant-id", "globex");
  auto result = Authenticate(other, Tokens(), kNow, false);
  CHECK(StatusOf(result) == 403);
  CHECK(CodeOf(result) == "tenant_mismatch");
}

TEST_CASE("Authenticate takes the query token only when allowed", "[http][auth]") {
  Request r;
  r.query.emplace_back("token", Mint({"acme", Role::kCustomer, "cust-9"}));
  CHECK(StatusOf(Authenticate(r, Tokens(), kNow, false)) == 401);
  auto allowed = Authenticate(r, Tokens(), kNow, true);
  REQUIRE(std::holds_alternative<Principal>(allowed));
  CHECK(std::get<Principal>(allowed).role == Role::kCustomer);
  // A header, when present, is what counts, even if the query holds a valid token.
  Request both = r;
  both.headers.emplace_back("authorization", "Bearer garbage");
  CHECK(StatusOf(Authenticate(both, Tokens(), kNow, true)) == 401);
}

TEST_CASE("a remembered token answers as a verified one, until it expires", "[http][auth]") {
  const TokenVerifier tokens(kSecret);
  const std::string token = Mint({"acme", Role::kSupervisor, "sup-1"}, 600);
  for (int i = 0; i < 3; ++i) {
    auto principal = tokens.Verify(token, kNow + i);
    REQUIRE(principal.ok());
    CHECK(principal->tenant == "acme");
    CHECK(principal->role == Role::kSupervisor);
    CHECK(principal->subject == "sup-1");
  }
  CHECK(tokens.remembered() == 1);
  CHECK(tokens.Verify(token, kNow + 599).ok());
  auto expired = tokens.Verify(token, kNow + 600);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.status().message().find("expired") != std::string::npos);
  CHECK(tokens.remembered() == 0);
}

TEST_CASE("a token the secret did not sign is refused even beside a remembered one",
          "[http][auth]") {
  const TokenVerifier tokens(kSecret);
  const std::string token = Mint({"acme", Role::kAgent, "agent-1"});
  REQUIRE(tokens.Verify(token, kNow).ok());
  // The same claims signed with another secret, and the remembered token with its signature
  // altered.
  CHECK_FALSE(
      tokens.Verify(Mint({"acme", Role::kAgent, "agent-1"}, 600, "other-secret"), kNow).ok());
  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(tokens.Verify(tampered, kNow).ok());
  CHECK(tokens.remembered() == 1);
}

TEST_CASE("the verifier remembers at most its capacity", "[http][auth]") {
  const TokenVerifier tokens(kSecret, 2);
  for (int i = 0; i < 5; ++i) {
    const std::string token = Mint({"acme", Role::kAgent, "agent-" + std::to_string(i)});
    auto principal = tokens.Verify(token, kNow);
    REQUIRE(principal.ok());
    CHECK(principal->subject == "agent-" + std::to_string(i));
    CHECK(tokens.remembered() <= 2);
  }
}

}  // namespace
}  // namespace sb::http
