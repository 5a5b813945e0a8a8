// Member-wise equality for the domain's plain structs. A struct opts in by exposing
// `auto Tie() const { return std::tie(...all members...); }`; == and != are then found by
// argument-dependent lookup. Equality exists so that round trips (codec, evolve) can be
// asserted exactly; listing the members once keeps == from silently missing a new field.
#ifndef SWITCHBOARD_DOMAIN_TIE_EQUALITY_H_
#define SWITCHBOARD_DOMAIN_TIE_EQUALITY_H_

#include <tuple>

namespace sb::domain {

template <class T>
auto operator==(const T& a, const T& b) -> decltype(a.Tie() == b.Tie()) {
  return a.Tie() == b.Tie();
}

template <class T>
auto operator!=(const T& a, const T& b) -> decltype(a.Tie() == b.Tie()) {
  return !(a.Tie() == b.Tie());
}

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_TIE_EQUALITY_H_
