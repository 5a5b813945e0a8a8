#include "domain/compliance/caller_id_choice.h"

namespace sb::domain {

CallerIdChoice ChooseCallerId(const CallingPolicyState& state,
                              const std::string& requested_profile_id) {
  CallerIdChoice choice;
  if (!requested_profile_id.empty()) {
    auto it = state.caller_ids.find(requested_profile_id);
    if (it == state.caller_ids.end()) {
      choice.rejection = Rejection::Invalid("caller_id_profile_not_found",
                                            "no caller-ID profile \"" + requested_profile_id + "\"",
                                            "caller_id_profile_id");
    } else {
      choice.profile = it->second;
    }
    return choice;
  }
  for (const auto& [id, profile] : state.caller_ids) {
    if (profile.is_default) {
      choice.profile = profile;
      break;
    }
  }
  return choice;
}

}  // namespace sb::domain
