// Queries of the agents and customers models: the supervisor's agent board, an agent's
// activity log, and the leads by availability.
#ifndef SWITCHBOARD_PROJECTIONS_AGENT_QUERIES_H_
#define SWITCHBOARD_PROJECTIONS_AGENT_QUERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "domain/agent_state.h"
#include "domain/customer_state.h"
#include "domain/result.h"
#include "projections/model_writer.h"

namespace sb::projections {

struct AgentBoardRow {
  std::string id;
  domain::AgentState state;
  int64_t calls_today = 0;  // calls reserved during the UTC day of `now`
};

Result<std::vector<AgentBoardRow>> AgentBoard(const ModelReader& model, const std::string& tenant,
                                              domain::Timestamp now);

// The agent's activity entries (JSON objects), newest first, at most `limit` after `offset`.
struct ActivityPage {
  uint64_t total = 0;
  std::vector<std::string> entries;
};
Result<ActivityPage> AgentActivity(const ModelReader& model, const std::string& tenant,
                                   const std::string& agent_id, size_t limit, size_t offset);

// Customers of `tenant`; `availability` "live", "to_rescue" or empty for all.
Result<std::vector<std::pair<std::string, domain::CustomerState>>> ListCustomers(
    const ModelReader& model, const std::string& tenant, const std::string& availability);

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_AGENT_QUERIES_H_
