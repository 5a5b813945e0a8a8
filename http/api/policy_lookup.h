// The tenant's calling policy as the call flows read it before they decide (number lists,
// calling hours, caller IDs, recording): a query of the policy entity, which is in memory after
// its first load, so no flow waits on the disk.
#ifndef SWITCHBOARD_HTTP_API_POLICY_LOOKUP_H_
#define SWITCHBOARD_HTTP_API_POLICY_LOOKUP_H_

#include <functional>
#include <string>

#include "domain/compliance/policy_state.h"
#include "domain/result.h"
#include "http/api/api_context.h"

namespace sb::http::api {

// `done` runs on an actor thread with the policy (an empty one if the tenant never set any),
// or with the failure to read it.
void WithPolicy(const ApiContext& context, const std::string& tenant,
                std::function<void(Result<domain::CallingPolicyState>)> done);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_POLICY_LOOKUP_H_
