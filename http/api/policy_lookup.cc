#include "http/api/policy_lookup.h"

#include <utility>

#include "domain/compliance/policy_decider.h"

namespace sb::http::api {

void WithPolicy(const ApiContext& context, const std::string& tenant,
                std::function<void(Result<domain::CallingPolicyState>)> done) {
  actors::EntityCommand<domain::CallingPolicyDecider> query;
  query.key = actors::EntityKey{tenant, domain::kCallingPolicyId};
  query.meta.actor = "system";
  context.runtime->Ask<domain::CallingPolicyDecider>(
      std::move(query),
      [done = std::move(done)](Result<actors::EntityReply<domain::CallingPolicyDecider>> reply) {
        if (!reply.ok()) return done(reply.status());
        if (!reply.value().status.ok()) return done(reply.value().status);
        done(std::move(reply).value().state);
      });
}

}  // namespace sb::http::api
