// Guard: what every API route does before its own work. Answers 503 "not_ready" until the
// runtime's recovery is complete, authenticates the bearer token (401/403), and hands the
// handler the caller.
#ifndef SWITCHBOARD_HTTP_API_GUARD_H_
#define SWITCHBOARD_HTTP_API_GUARD_H_

#include <functional>
#include <memory>

#include "http/api/api_context.h"
#include "http/auth.h"
#include "http/router.h"

namespace sb::http::api {

using GuardedHandler = std::function<void(const Principal& caller, Request request,
                                          PathParams params, Responder respond)>;

Handler Guard(std::shared_ptr<const ApiContext> context, GuardedHandler handler);

// Staff: admin or supervisor, who act on anything in their tenant.
inline bool IsStaff(const Principal& p) {
  return p.role == Role::kAdmin || p.role == Role::kSupervisor;
}

// The caller may act as agent `agent_id`: staff, or that agent itself.
inline bool ActsAsAgent(const Principal& p, const std::string& agent_id) {
  return IsStaff(p) || (p.role == Role::kAgent && p.subject == agent_id);
}

Response ForbiddenResponse(const std::string& message);

// "<role>:<subject>": the actor written on every event the caller causes.
std::string ActorOf(const Principal& p);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_GUARD_H_
