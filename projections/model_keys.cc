#include "projections/model_keys.h"

#include <cstdio>
#include <ctime>

namespace sb::projections {

std::string Hex16(uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

std::string NewestFirst(domain::Timestamp at) {
  return Hex16(UINT64_MAX - static_cast<uint64_t>(at < 0 ? 0 : at));
}

std::string UtcDay(domain::Timestamp at) {
  const std::time_t seconds = static_cast<std::time_t>(at / domain::kMicrosPerSecond);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

}  // namespace sb::projections
