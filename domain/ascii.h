// ASCII text helpers for parsing enum spellings and checking required text. Locale-free on
// purpose: wire formats must not change with the server's locale.
#ifndef SWITCHBOARD_DOMAIN_ASCII_H_
#define SWITCHBOARD_DOMAIN_ASCII_H_

#include <string_view>

namespace sb::domain {

inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// True if `text` is empty or only spaces, tabs and line breaks.
inline bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ASCII_H_
