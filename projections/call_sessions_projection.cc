#include "projections/call_sessions_projection.h"

#include "projections/model_keys.h"
#include "projections/status_counters.h"

namespace sb::projections {

std::string CallSessionsProjection::StatusCounter(domain::CallStatus status) {
  return std::string(kStatusCounterPrefix) + domain::ToString(status);
}

Status CallSessionsProjection::OnEvent(const StreamName& ref, const State& before,
                                       const State& after, const Event&, const es::RecordedEvent&,
                                       ModelWriter& model) const {
  if (!before.exists && after.exists) {
    const std::string suffix = NewestFirst(after.initiated_at) + "/" + ref.id;
    model.Put(TenantIndex(ref.tenant) + suffix, "");
    if (!after.agent_id.empty()) model.Put(AgentIndex(ref.tenant, after.agent_id) + suffix, "");
    if (!after.lead_id.empty()) model.Put(LeadIndex(ref.tenant, after.lead_id) + suffix, "");
  }
  return MoveStatusCounter(model, before.exists, StatusCounter(before.status), after.exists,
                           StatusCounter(after.status));
}

}  // namespace sb::projections
