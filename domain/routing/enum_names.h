// Internal helper for the routing enums: one table of (value, spelling) pairs per enum gives
// both ToString and Parse, so the two can never disagree. Spellings are the wire format of
// events and state documents: changing one breaks decoding of the stored log.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_ENUM_NAMES_H_
#define SWITCHBOARD_DOMAIN_ROUTING_ENUM_NAMES_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace sb::domain::enum_names {

template <class E>
using Entry = std::pair<E, const char*>;

// The spelling of `value`; `table[0]`'s if the value is not in the table (cannot happen for a
// table listing every enumerator, which each caller's table does).
template <class E, size_t N>
const char* NameOf(const Entry<E> (&table)[N], E value) {
  for (const Entry<E>& entry : table) {
    if (entry.first == value) return entry.second;
  }
  return table[0].second;
}

// Exact, case-sensitive match: stored spellings are canonical.
template <class E, size_t N>
std::optional<E> Parse(const Entry<E> (&table)[N], std::string_view text) {
  for (const Entry<E>& entry : table) {
    if (text == entry.second) return entry.first;
  }
  return std::nullopt;
}

}  // namespace sb::domain::enum_names

#endif  // SWITCHBOARD_DOMAIN_ROUTING_ENUM_NAMES_H_
