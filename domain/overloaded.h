// The std::visit idiom: one lambda per alternative of a variant.
#ifndef SWITCHBOARD_DOMAIN_OVERLOADED_H_
#define SWITCHBOARD_DOMAIN_OVERLOADED_H_

namespace sb::domain {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_OVERLOADED_H_
