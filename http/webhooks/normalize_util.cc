#include "http/webhooks/normalize_util.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "domain/ascii.h"

namespace sb::webhooks::internal {
namespace {

Status Bad(std::string_view field, std::string_view reason) {
  return Status::InvalidArgument(std::string(field) + ": " + std::string(reason));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// Days from 1970-01-01 to the given civil date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t begin = s.find_first_not_of(' ', pos);
    if (begin == std::string_view::npos) break;
    const size_t end = std::min(s.find(' ', begin), s.size());
    out.push_back(s.substr(begin, end - begin));
    pos = end;
  }
  return out;
}

}  // namespace

FieldLookup FormLookup(const FormParams& params) {
  return [&params](std::string_view name) { return SingleFormValue(params, name); };
}

FieldLookup JsonLookup(const boost::json::object& object) {
  return [&object](std::string_view name) -> Result<std::optional<std::string>> {
    const boost::json::value* v = object.if_contains(name);
    if (v == nullptr || v->is_null()) return std::optional<std::string>();
    if (v->is_string()) return std::optional<std::string>(std::string(v->get_string()));
    if (v->is_int64()) return std::optional<std::string>(std::to_string(v->get_int64()));
    if (v->is_uint64()) return std::optional<std::string>(std::to_string(v->get_uint64()));
    return Bad(name, "not a string");
  };
}

Result<boost::json::object> ParseBodyObject(std::string_view body) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return Bad("body", "not a JSON object");
  return std::move(v.get_object());
}

Status CheckId(std::string_view field, std::string_view value) {
  if (domain::IsBlank(value)) return Bad(field, "empty");
  if (value.size() > 128) return Bad(field, "longer than 128 bytes");
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return Bad(field, "contains a control character");
  }
  return Status::OK();
}

Status CheckText(std::string_view field, std::string_view value) {
  if (value.size() > 256) return Bad(field, "longer than 256 bytes");
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return Bad(field, "contains a control character");
  }
  return Status::OK();
}

Result<int64_t> ParseCount(std::string_view field, std::string_view text) {
  if (!AllDigits(text) || text.size() > 18) return Bad(field, "not a non-negative integer");
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Status ParseOptionalCount(std::string_view field, const std::optional<std::string>& text,
                          std::optional<int64_t>* out) {
  if (!text) return Status::OK();
  Result<int64_t> value = ParseCount(field, *text);
  if (!value.ok()) return value.status();
  *out = *value;
  return Status::OK();
}

Result<domain::Timestamp> ParseRfc2822(std::string_view field, std::string_view text) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  const Status bad = Bad(field, "not an RFC 2822 date such as \"Mon, 16 Aug 2010 03:45:01 +0000\"");
  if (const size_t comma = text.find(','); comma != std::string_view::npos) {
    text.remove_prefix(comma + 1);  // the day of the week is redundant; not checked
  }
  const std::vector<std::string_view> parts = SplitSpaces(text);
  if (parts.size() != 5) return bad;
  const std::string_view day = parts[0], month = parts[1], year = parts[2], clock = parts[3],
                         zone = parts[4];
  if (!AllDigits(day) || day.size() > 2 || !AllDigits(year) || year.size() != 4) return bad;
  int m = 0;
  for (int i = 0; i < 12; ++i) {
    if (domain::EqualsIgnoreCase(month, kMonths[i])) m = i + 1;
  }
  if (m == 0) return bad;
  const int y = ToInt(year);
  const int d = ToInt(day);
  if (d < 1 || d > DaysInMonth(y, m)) return bad;
  if (clock.size() != 5 && clock.size() != 8) return bad;
  if (clock[2] != ':' || (clock.size() == 8 && clock[5] != ':')) return bad;
  const std::string_view hh = clock.substr(0, 2), mm = clock.substr(3, 2),
                         ss = clock.size() == 8 ? clock.substr(6, 2) : std::string_view("00");
  if (!AllDigits(hh) || !AllDigits(mm) || !AllDigits(ss)) return bad;
  const int h = ToInt(hh), mi = ToInt(mm), s = ToInt(ss);
  if (h > 23 || mi > 59 || s > 60) return bad;  // 60: a leap second, folded into the next
  int64_t offset_minutes = 0;
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-') && AllDigits(zone.substr(1))) {
    const int zh = ToInt(zone.substr(1, 2)), zm = ToInt(zone.substr(3, 2));
    if (zh > 23 || zm > 59) return bad;
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (zh * 60 + zm);
  } else if (!domain::EqualsIgnoreCase(zone, "GMT") && !domain::EqualsIgnoreCase(zone, "UT") &&
             !domain::EqualsIgnoreCase(zone, "UTC") && zone != "Z") {
    return bad;
  }
  const int64_t seconds =
      DaysFromCivil(y, m, d) * 86400 + h * 3600 + mi * 60 + s - offset_minutes * 60;
  return domain::Seconds(seconds);
}

std::string Canonical(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (char c : word) {
    if (c == '-' || c == ' ') {
      out.push_back('_');
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace sb::webhooks::internal
