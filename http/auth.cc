#include "http/auth.h"

#include <errno.h>
#include <jwt.h>
#include <stdlib.h>

#include <memory>

#include "domain/ascii.h"
#include "http/token_verifier.h"

namespace sb::http {
namespace {

constexpr size_t kMaxIdLength = 128;
// Far above any token we mint; bounds the work a hostile header can ask of the decoder.
constexpr size_t kMaxTokenLength = 8192;

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct CharFree {
  void operator()(char* p) const { free(p); }
};

// The id rule of stream names (actors/entity_key.h, ValidateId), repeated here so that the
// token code needs nothing from the actor layer: a tenant or subject becomes part of a stream
// name, so '/' and the like must never get through.
bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '@' || c == '+' || c == '-';
}

Status CheckId(std::string_view id, const char* claim) {
  if (id.empty()) return Status::InvalidArgument(std::string(claim) + " is missing");
  if (id.size() > kMaxIdLength) {
    return Status::InvalidArgument(std::string(claim) + " is longer than 128 characters");
  }
  for (char c : id) {
    if (!IsIdChar(c)) {
      return Status::InvalidArgument(std::string(claim) +
                                     " may only hold letters, digits and . _ : @ + -");
    }
  }
  return Status::OK();
}

Response Unauthorized(const std::string& message) {
  Response r = ErrorResponse(401, "unauthorized", message);
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAgent:
      return "agent";
    case Role::kCustomer:
      return "customer";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kAdmin, Role::kSupervisor, Role::kAgent, Role::kCustomer}) {
    if (name == RoleName(role)) return role;
  }
  return std::nullopt;
}

Result<std::string> MintToken(const std::string& secret, const Principal& principal,
                              int64_t ttl_seconds, int64_t now_unix_seconds) {
  if (secret.empty()) return Status::InvalidArgument("the signing secret is empty");
  if (ttl_seconds <= 0) return Status::InvalidArgument("the ttl must be positive");
  if (Status s = CheckId(principal.tenant, "tenant"); !s.ok()) return s;
  if (Status s = CheckId(principal.subject, "sub"); !s.ok()) return s;
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return Status::Failed("libjwt could not allocate a token");
  JwtPtr jwt(raw);
  const auto* key = reinterpret_cast<const unsigned char*>(secret.data());
  if (jwt_set_alg(jwt.get(), JWT_ALG_HS256, key, static_cast<int>(secret.size())) != 0 ||
      jwt_add_grant(jwt.get(), "tenant", principal.tenant.c_str()) != 0 ||
      jwt_add_grant(jwt.get(), "role", RoleName(principal.role)) != 0 ||
      jwt_add_grant(jwt.get(), "sub", principal.subject.c_str()) != 0 ||
      jwt_add_grant_int(jwt.get(), "iat", now_unix_seconds) != 0 ||
      jwt_add_grant_int(jwt.get(), "exp", now_unix_seconds + ttl_seconds) != 0) {
    return Status::Failed("libjwt refused the token's claims");
  }
  std::unique_ptr<char, CharFree> encoded(jwt_encode_str(jwt.get()));
  if (!encoded) return Status::Failed("libjwt could not encode the token");
  return std::string(encoded.get());
}

Result<Principal> VerifyToken(const std::string& secret, std::string_view token,
                              int64_t now_unix_seconds) {
  auto verified = VerifyTokenWithExpiry(secret, token, now_unix_seconds);
  if (!verified.ok()) return verified.status();
  return std::move(verified)->principal;
}

Result<VerifiedToken> VerifyTokenWithExpiry(const std::string& secret, std::string_view token,
                                            int64_t now_unix_seconds) {
  if (secret.empty()) return Status::InvalidArgument("no signing secret is configured");
  if (token.empty()) return Status::InvalidArgument("the token is empty");
  if (token.size() > kMaxTokenLength) return Status::InvalidArgument("the token is too long");
  const std::string text(token);  // libjwt wants a NUL-terminated string
  if (text.find('\0') != std::string::npos) {
    return Status::InvalidArgument("the token holds a NUL byte");
  }
  jwt_t* raw = nullptr;
  const auto* key = reinterpret_cast<const unsigned char*>(secret.data());
  const int rc = jwt_decode(&raw, text.c_str(), key, static_cast<int>(secret.size()));
  JwtPtr jwt(raw);
  if (rc != 0 || !jwt) {
    return Status::InvalidArgument("the token is malformed or its signature does not verify");
  }
  // libjwt verifies with whatever algorithm the token names, and accepts "none" unsigned:
  // only HS256 with our secret proves who signed it.
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) {
    return Status::InvalidArgument("the token is not signed with HS256");
  }
  errno = 0;
  const long exp = jwt_get_grant_int(jwt.get(), "exp");
  if (errno == ENOENT) return Status::InvalidArgument("the token has no integer exp claim");
  if (exp <= now_unix_seconds) return Status::InvalidArgument("the token has expired");

  Principal principal;
  const char* tenant = jwt_get_grant(jwt.get(), "tenant");
  const char* role = jwt_get_grant(jwt.get(), "role");
  const char* sub = jwt_get_grant(jwt.get(), "sub");
  principal.tenant = tenant ? tenant : "";
  principal.subject = sub ? sub : "";
  if (Status s = CheckId(principal.tenant, "tenant"); !s.ok()) return s;
  if (Status s = CheckId(principal.subject, "sub"); !s.ok()) return s;
  if (role == nullptr) return Status::InvalidArgument("role is missing");
  auto parsed = ParseRole(role);
  if (!parsed) return Status::InvalidArgument("role is not admin, supervisor, agent or customer");
  principal.role = *parsed;
  return VerifiedToken{std::move(principal), exp};
}

std::variant<Principal, Response> Authenticate(const Request& request, const TokenVerifier& tokens,
                                               int64_t now_unix_seconds, bool allow_query_token) {
  std::string token;
  if (auto header = request.Header("authorization")) {
    std::string_view value = *header;
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() <= kScheme.size() ||
        !domain::EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) {
      return Unauthorized("the Authorization header is not 'Bearer <token>'");
    }
    value.remove_prefix(kScheme.size());
    const size_t first = value.find_first_not_of(' ');
    const size_t last = value.find_last_not_of(' ');
    if (first != std::string_view::npos) token = value.substr(first, last - first + 1);
  } else if (allow_query_token) {
    token = request.Query("token").value_or("");
  }
  if (token.empty()) {
    return Unauthorized(allow_query_token ? "a bearer token (header or token=) is required"
                                          : "a bearer token is required");
  }
  auto principal = tokens.Verify(token, now_unix_seconds);
  if (!principal.ok()) return Unauthorized(principal.status().message());
  if (auto tenant = request.Header("x-tenant-id"); tenant && *tenant != principal->tenant) {
    return ErrorResponse(403, "tenant_mismatch", "X-Tenant-ID names another tenant than the token",
                         "X-Tenant-ID");
  }
  return std::move(principal).value();
}

}  // namespace sb::http
