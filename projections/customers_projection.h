// The customers read model: every customer's state (CustomerDecider::Evolve), which answers
// "who can be called in-app right now" (live vs to_rescue) per tenant.
#ifndef SWITCHBOARD_PROJECTIONS_CUSTOMERS_PROJECTION_H_
#define SWITCHBOARD_PROJECTIONS_CUSTOMERS_PROJECTION_H_

#include <string>

#include "domain/customer_decider.h"
#include "projections/entity_projection.h"

namespace sb::projections {

class CustomersProjection : public EntityProjection<domain::CustomerDecider> {
 public:
  static constexpr const char* kName = "customers";
  std::string name() const override { return kName; }

 protected:
  Status OnEvent(const StreamName&, bool, const State&, const Event&, const es::RecordedEvent&,
                 ModelWriter&) const override {
    return Status::OK();  // the state is the whole model
  }
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_CUSTOMERS_PROJECTION_H_
