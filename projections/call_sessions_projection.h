// The call_sessions read model: every call's state (folded with CallDecider::Evolve), indexed
// newest first per tenant ("t/<tenant>/<newest-first>/<id>"), per agent ("a/...") and per lead
// ("l/..."), and counted by status across tenants ("cnt/status/<STATUS>").
#ifndef SWITCHBOARD_PROJECTIONS_CALL_SESSIONS_PROJECTION_H_
#define SWITCHBOARD_PROJECTIONS_CALL_SESSIONS_PROJECTION_H_

#include <string>

#include "domain/call_decider.h"
#include "projections/entity_projection.h"

namespace sb::projections {

class CallSessionsProjection : public EntityProjection<domain::CallDecider> {
 public:
  static constexpr const char* kName = "call_sessions";
  std::string name() const override { return kName; }

  static std::string TenantIndex(const std::string& tenant) { return "t/" + tenant + "/"; }
  static std::string AgentIndex(const std::string& tenant, const std::string& agent_id) {
    return "a/" + tenant + "/" + agent_id + "/";
  }
  static std::string LeadIndex(const std::string& tenant, const std::string& lead_id) {
    return "l/" + tenant + "/" + lead_id + "/";
  }

 protected:
  const char* StatusOf(const State& state) const override { return domain::ToString(state.status); }
  Status OnEvent(const StreamName& ref, bool created, const State& after, const Event& event,
                 const es::RecordedEvent& record, ModelWriter& model) const override;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_CALL_SESSIONS_PROJECTION_H_
