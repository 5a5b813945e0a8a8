#include "projections/default_projections.h"

#include "projections/agents_projection.h"
#include "projections/call_sessions_projection.h"
#include "projections/customers_projection.h"

namespace sb::projections {

std::vector<std::shared_ptr<const Projection>> DefaultProjections() {
  return {std::make_shared<CallSessionsProjection>(), std::make_shared<AgentsProjection>(),
          std::make_shared<CustomersProjection>()};
}

}  // namespace sb::projections
