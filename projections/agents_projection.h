// The agents read model: every agent's state (AgentDecider::Evolve), its activity log
// ("log/<tenant>/<agent>/<position>": seed 001's agent_activity_log, one entry per event of
// the agent with who, when and why), its calls per UTC day ("d/<tenant>/<agent>/<day>"), and
// agents by status across tenants ("cnt/status/<status>").
#ifndef SWITCHBOARD_PROJECTIONS_AGENTS_PROJECTION_H_
#define SWITCHBOARD_PROJECTIONS_AGENTS_PROJECTION_H_

#include <string>

#include "domain/agent_decider.h"
#include "projections/entity_projection.h"

namespace sb::projections {

class AgentsProjection : public EntityProjection<domain::AgentDecider> {
 public:
  static constexpr const char* kName = "agents";
  std::string name() const override { return kName; }

  static std::string ActivityPrefix(const std::string& tenant, const std::string& agent_id) {
    return "log/" + tenant + "/" + agent_id + "/";
  }
  static std::string CallsPerDayKey(const std::string& tenant, const std::string& agent_id,
                                    const std::string& day) {
    return "d/" + tenant + "/" + agent_id + "/" + day;
  }

 protected:
  const char* StatusOf(const State& state) const override { return domain::ToString(state.status); }
  Status OnEvent(const StreamName& ref, bool created, const State& after, const Event& event,
                 const es::RecordedEvent& record, ModelWriter& model) const override;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_AGENTS_PROJECTION_H_
