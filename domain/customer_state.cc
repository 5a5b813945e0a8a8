#include "domain/customer_state.h"

namespace sb::domain {

bool IsOnline(const CustomerState& state) {
  return !state.connections.empty() || state.offline_deadline.has_value();
}

bool IsLive(const CustomerState& state) {
  return IsOnline(state) && state.profile.consent_in_app_calls;
}

const char* AvailabilityOf(const CustomerState& state) {
  return IsLive(state) ? "live" : "to_rescue";
}

}  // namespace sb::domain
