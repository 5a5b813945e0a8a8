#include "domain/call_state.h"

namespace sb::domain {

int64_t CallState::DurationSeconds() const {
  if (!connected_at || !ended_at || *ended_at < *connected_at) return 0;
  // Unsigned subtraction: defined for any pair, and exact since ended_at >= connected_at.
  const uint64_t micros = static_cast<uint64_t>(*ended_at) - static_cast<uint64_t>(*connected_at);
  return static_cast<int64_t>(micros / kMicrosPerSecond);
}

bool TaskDone(const CallState& state) { return state.IsTerminal() && state.outcome.has_value(); }

}  // namespace sb::domain
