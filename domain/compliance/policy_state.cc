#include "domain/compliance/policy_state.h"

namespace sb::domain {

const ListedNumber* FindListedNumber(const CallingPolicyState& state, const std::string& number) {
  auto it = state.numbers.find(number);
  return it == state.numbers.end() ? nullptr : &it->second;
}

}  // namespace sb::domain
