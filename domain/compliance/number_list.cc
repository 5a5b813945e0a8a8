#include "domain/compliance/number_list.h"

#include "domain/ascii.h"
#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<NumberList> kNames[] = {
    {NumberList::kAllow, "allow"},
    {NumberList::kBlock, "block"},
    {NumberList::kVip, "vip"},
    {NumberList::kSpam, "spam"},
};

// Seed 001's phone_number_list type names, so its clients keep working.
constexpr enum_names::Entry<NumberList> kAliases[] = {
    {NumberList::kAllow, "whitelist"},
    {NumberList::kBlock, "blacklist"},
};

}  // namespace

const char* ToString(NumberList list) { return enum_names::NameOf(kNames, list); }

std::optional<NumberList> ParseNumberList(std::string_view text) {
  for (const enum_names::Entry<NumberList>& entry : kNames) {
    if (EqualsIgnoreCase(text, entry.second)) return entry.first;
  }
  for (const enum_names::Entry<NumberList>& entry : kAliases) {
    if (EqualsIgnoreCase(text, entry.second)) return entry.first;
  }
  return std::nullopt;
}

}  // namespace sb::domain
