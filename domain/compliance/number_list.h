// Number lists: a tenant's own verdict on individual phone numbers. What each list means for
// inbound and outbound calls is stated once, at the top of policy_decider.cc.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_NUMBER_LIST_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_NUMBER_LIST_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

enum class NumberList {
  kAllow,  // consented: outbound calls to it ignore calling hours
  kBlock,  // do not call, do not answer
  kVip,    // inbound calls from it jump the queue
  kSpam,   // inbound calls from it are rejected; outbound is unaffected
};

// A policy holds at most this many listed numbers (all lists together), so its state, its
// snapshot and one screening lookup stay bounded.
inline constexpr size_t kMaxListedNumbers = 100'000;
inline constexpr size_t kMaxListReasonLength = 500;  // bytes of free text

// "allow", "block", "vip", "spam": the stored spellings. Parse ignores case and also takes
// seed 001's "whitelist" (allow) and "blacklist" (block).
const char* ToString(NumberList list);
std::optional<NumberList> ParseNumberList(std::string_view text);

// One number on one list. Who listed it is the log's actor field, not part of the entry.
struct ListedNumber {
  std::string number;  // E.164, the key: a number is on at most one list
  NumberList list = NumberList::kBlock;
  std::string reason;      // free text, may be empty
  Timestamp added_at = 0;  // when it was put on its current list (a move resets it)

  auto Tie() const { return std::tie(number, list, reason, added_at); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_NUMBER_LIST_H_
