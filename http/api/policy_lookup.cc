#include "http/api/policy_lookup.h"

namespace sb::http::api {

domain::CallingPolicyState PolicyOf(const ApiContext& context, const std::string& tenant) {
  auto entry = context.policies->Find(tenant, domain::kCallingPolicyId);
  return entry ? std::move(entry->state) : domain::CallingPolicyState{};
}

void RememberPolicy(const ApiContext& context, const std::string& tenant, uint64_t version,
                    const domain::CallingPolicyState& state) {
  context.policies->Apply(tenant, domain::kCallingPolicyId, version, state);
}

}  // namespace sb::http::api
