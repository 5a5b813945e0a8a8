#include "domain/call_outcome.h"

#include "domain/ascii.h"

namespace sb::domain {
namespace {

struct Spelling {
  CallOutcome outcome;
  const char* label;
  const char* token;
};

constexpr Spelling kSpellings[] = {
    {CallOutcome::kOrdered, "Ordered", "ordered"},
    {CallOutcome::kFollowUp, "Follow-up", "follow_up"},
    {CallOutcome::kNotInterested, "Not Interested", "not_interested"},
    {CallOutcome::kPriceIssue, "Price Issue", "price_issue"},
    {CallOutcome::kNoResponse, "No Response", "no_response"},
};

}  // namespace

const char* ToString(CallOutcome outcome) {
  for (const Spelling& s : kSpellings) {
    if (s.outcome == outcome) return s.label;
  }
  return "No Response";
}

std::optional<CallOutcome> ParseCallOutcome(std::string_view text) {
  for (const Spelling& s : kSpellings) {
    if (EqualsIgnoreCase(text, s.label) || EqualsIgnoreCase(text, s.token)) return s.outcome;
  }
  return std::nullopt;
}

}  // namespace sb::domain
