// Visiting the entity states an EntityProjection keeps, one tenant at a time.
#ifndef SWITCHBOARD_PROJECTIONS_ENTITY_SCAN_H_
#define SWITCHBOARD_PROJECTIONS_ENTITY_SCAN_H_

#include <functional>
#include <string>

#include "projections/entity_projection.h"

namespace sb::projections {

// Calls `visit(id, state)` for every entity of `tenant` in id order until it returns false.
template <class Decider>
Status ScanEntities(
    const ModelReader& model, const std::string& tenant,
    const std::function<bool(const std::string&, const typename Decider::State&)>& visit) {
  const std::string prefix = StateKey(tenant, "");
  Status decode_error;
  Status s = model.Scan(prefix, "", false, [&](std::string_view key, std::string_view value) {
    auto state = ModelStateCodec<Decider>::Decode(value);
    if (!state.ok()) {
      decode_error = state.status();
      return false;
    }
    return visit(std::string(key.substr(prefix.size())), *state);
  });
  return s.ok() ? decode_error : s;
}

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_ENTITY_SCAN_H_
