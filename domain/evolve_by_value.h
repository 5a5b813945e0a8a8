// EvolveByValue: a decider's Evolve derived from its EvolveInPlace.
//
// design.md's evolve(State, const Event&) -> State is for callers that want a new state (tests,
// an audit's state at a moment). Folds that keep many states (entity actors, projections, the
// router's roster) call EvolveInPlace, because moving a whole state in and out for each event
// costs more than most events change. A decider implements EvolveInPlace and inherits Evolve.
#ifndef SWITCHBOARD_DOMAIN_EVOLVE_BY_VALUE_H_
#define SWITCHBOARD_DOMAIN_EVOLVE_BY_VALUE_H_

namespace sb::domain {

template <class Decider, class State, class Event>
struct EvolveByValue {
  static State Evolve(State state, const Event& event) {
    Decider::EvolveInPlace(state, event);
    return state;
  }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_EVOLVE_BY_VALUE_H_
