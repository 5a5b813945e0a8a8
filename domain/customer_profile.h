// What a customer (a lead) is: shared by commands, events and state.
#ifndef SWITCHBOARD_DOMAIN_CUSTOMER_PROFILE_H_
#define SWITCHBOARD_DOMAIN_CUSTOMER_PROFILE_H_

#include <string>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

struct CustomerProfile {
  std::string name;
  std::string phone;  // E.164, or empty: a lead without a number cannot be called (seed 000)
  std::string email;
  bool consent_in_app_calls = false;  // may agents ring this customer's console?

  auto Tie() const { return std::tie(name, phone, email, consent_in_app_calls); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CUSTOMER_PROFILE_H_
