// Bearer tokens: HS256 JWTs carrying the tenant, role and subject of a caller. Minting is for
// development (`switchboard token`); verification guards every route and WebSocket upgrade.
// Signing and signature checks are libjwt's; this file only decides which tokens are acceptable.
#ifndef SWITCHBOARD_HTTP_AUTH_H_
#define SWITCHBOARD_HTTP_AUTH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/result.h"
#include "http/request.h"
#include "http/response.h"

namespace sb::http {

enum class Role { kAdmin, kSupervisor, kAgent, kCustomer };

// "admin", "supervisor", "agent", "customer".
const char* RoleName(Role role);
// The Role spelled exactly as RoleName spells it, nullopt otherwise.
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  std::string tenant;
  Role role;
  std::string subject;  // the "sub" claim: the agent, customer or operator id
};

// An HS256 token with the claims tenant, role, sub, iat (= now) and exp (= now + ttl).
// InvalidArgument for an empty secret, a ttl <= 0, or a tenant or subject that is not
// 1..128 characters of [A-Za-z0-9._:@+-] (the id rule of stream names).
Result<std::string> MintToken(const std::string& secret, const Principal& principal,
                              int64_t ttl_seconds, int64_t now_unix_seconds);

// The principal of a token signed with `secret`. sb::Status has no "unauthenticated" code, so
// every refusal is InvalidArgument with a message saying why (bad format or signature, an
// algorithm other than HS256 - "none" included -, a missing or past exp, a missing or invalid
// tenant, role or sub); Authenticate maps it to 401.
Result<Principal> VerifyToken(const std::string& secret, std::string_view token,
                              int64_t now_unix_seconds);

// A verified token's principal and its exp claim (unix seconds).
struct VerifiedToken {
  Principal principal;
  int64_t expires_at = 0;
};
// As VerifyToken, with the instant from which the token is refused.
Result<VerifiedToken> VerifyTokenWithExpiry(const std::string& secret, std::string_view token,
                                            int64_t now_unix_seconds);

class TokenVerifier;

// The caller of `request`, its token checked by `tokens`: the token comes from
// `Authorization: Bearer <jwt>`, or, only when
// `allow_query_token` (browsers cannot set headers on a WebSocket upgrade), from the `token`
// query parameter. A missing or refused token is a 401 "unauthorized" Response; an
// `X-Tenant-ID` header naming another tenant than the token's is a 403 "tenant_mismatch".
std::variant<Principal, Response> Authenticate(const Request& request, const TokenVerifier& tokens,
                                               int64_t now_unix_seconds, bool allow_query_token);

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_AUTH_H_
