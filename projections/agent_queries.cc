#include "projections/agent_queries.h"

#include "projections/agents_projection.h"
#include "projections/customers_projection.h"
#include "projections/entity_scan.h"
#include "projections/model_keys.h"

namespace sb::projections {

Result<std::vector<AgentBoardRow>> AgentBoard(const ModelReader& model, const std::string& tenant,
                                              domain::Timestamp now) {
  std::vector<AgentBoardRow> rows;
  Status s = ScanEntities<domain::AgentDecider>(
      model, tenant, [&](const std::string& id, const domain::AgentState& state) {
        if (state.exists) rows.push_back({id, state, 0});
        return true;
      });
  if (!s.ok()) return s;
  const std::string day = UtcDay(now);
  for (auto& row : rows) {
    auto calls = model.Counter(AgentsProjection::CallsPerDayKey(tenant, row.id, day));
    if (!calls.ok()) return calls.status();
    row.calls_today = *calls;
  }
  return rows;
}

Result<ActivityPage> AgentActivity(const ModelReader& model, const std::string& tenant,
                                   const std::string& agent_id, size_t limit, size_t offset) {
  ActivityPage page;
  Status s = model.Scan(AgentsProjection::ActivityPrefix(tenant, agent_id), "", true,
                        [&](std::string_view, std::string_view value) {
                          if (page.total >= offset && page.entries.size() < limit) {
                            page.entries.emplace_back(value);
                          }
                          ++page.total;
                          return true;
                        });
  if (!s.ok()) return s;
  return page;
}

Result<std::vector<std::pair<std::string, domain::CustomerState>>> ListCustomers(
    const ModelReader& model, const std::string& tenant, const std::string& availability) {
  std::vector<std::pair<std::string, domain::CustomerState>> out;
  Status s = ScanEntities<domain::CustomerDecider>(
      model, tenant, [&](const std::string& id, const domain::CustomerState& state) {
        if (state.exists &&
            (availability.empty() || availability == domain::AvailabilityOf(state))) {
          out.emplace_back(id, state);
        }
        return true;
      });
  if (!s.ok()) return s;
  return out;
}

}  // namespace sb::projections
