// E-mail addresses: a plausibility check, not RFC 5322. Deliverability is proven by sending,
// not by parsing; this only keeps obvious garbage (typos in a form) out of the log.
#ifndef SWITCHBOARD_DOMAIN_EMAIL_H_
#define SWITCHBOARD_DOMAIN_EMAIL_H_

#include <string_view>

namespace sb::domain {

// One "@", a non-empty local part, a domain with a dot that neither starts nor ends it, no
// whitespace or control characters, at most 254 characters.
bool IsPlausibleEmail(std::string_view email);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_EMAIL_H_
