// Decision: what Decide answers — the events to append (possibly none: the command was a
// no-op on this state, e.g. a retry or a stale timer) or the reason it was refused.
#ifndef SWITCHBOARD_DOMAIN_DECISION_H_
#define SWITCHBOARD_DOMAIN_DECISION_H_

#include <variant>
#include <vector>

#include "domain/rejection.h"

namespace sb::domain {

template <class Event>
using Decision = std::variant<std::vector<Event>, Rejection>;

template <class Event>
bool IsRejected(const Decision<Event>& decision) {
  return std::holds_alternative<Rejection>(decision);
}

// Precondition: !IsRejected(decision).
template <class Event>
const std::vector<Event>& EventsOf(const Decision<Event>& decision) {
  return std::get<std::vector<Event>>(decision);
}

// Precondition: IsRejected(decision).
template <class Event>
const Rejection& RejectionOf(const Decision<Event>& decision) {
  return std::get<Rejection>(decision);
}

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_DECISION_H_
