#include "projections/call_sessions_projection.h"

#include "projections/model_keys.h"

namespace sb::projections {

Status CallSessionsProjection::OnEvent(const StreamName& ref, bool created, const State& after,
                                       const Event&, const es::RecordedEvent&,
                                       ModelWriter& model) const {
  if (created) {
    const std::string suffix = NewestFirst(after.initiated_at) + "/" + ref.id;
    model.Put(TenantIndex(ref.tenant) + suffix, "");
    if (!after.agent_id.empty()) model.Put(AgentIndex(ref.tenant, after.agent_id) + suffix, "");
    if (!after.lead_id.empty()) model.Put(LeadIndex(ref.tenant, after.lead_id) + suffix, "");
  }
  return Status::OK();
}

}  // namespace sb::projections
