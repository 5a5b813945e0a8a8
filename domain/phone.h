// Phone numbers in E.164, the only form we store or dial.
#ifndef SWITCHBOARD_DOMAIN_PHONE_H_
#define SWITCHBOARD_DOMAIN_PHONE_H_

#include <string_view>

namespace sb::domain {

// "+" then 7 to 15 digits, the first not 0. No spaces, dashes or brackets: callers normalise
// display forms before they reach the domain, so equal numbers are equal strings. 15 is the
// E.164 maximum; 7 is the shortest assigned international number (e.g. Niue, +683 xxxx).
bool IsValidE164(std::string_view phone);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_PHONE_H_
