// The tenant's calling policy as the call flows read it before they decide (number lists,
// calling hours, caller IDs, recording), from the in-memory policy directory: no flow waits on
// an actor or the disk for it.
#ifndef SWITCHBOARD_HTTP_API_POLICY_LOOKUP_H_
#define SWITCHBOARD_HTTP_API_POLICY_LOOKUP_H_

#include <string>

#include "domain/compliance/policy_state.h"
#include "http/api/api_context.h"

namespace sb::http::api {

// The policy (an empty one if the tenant never set any).
domain::CallingPolicyState PolicyOf(const ApiContext& context, const std::string& tenant);

// Records the state a policy command produced, so the next call sees it (read-your-writes).
void RememberPolicy(const ApiContext& context, const std::string& tenant, uint64_t version,
                    const domain::CallingPolicyState& state);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_POLICY_LOOKUP_H_
