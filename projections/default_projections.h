// The read models every switchboard process keeps.
#ifndef SWITCHBOARD_PROJECTIONS_DEFAULT_PROJECTIONS_H_
#define SWITCHBOARD_PROJECTIONS_DEFAULT_PROJECTIONS_H_

#include <memory>
#include <vector>

#include "projections/projection.h"

namespace sb::projections {

std::vector<std::shared_ptr<const Projection>> DefaultProjections();

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_DEFAULT_PROJECTIONS_H_
