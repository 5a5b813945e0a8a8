#include "projections/status_counters.h"

#include <charconv>

namespace sb::projections {

Result<std::vector<std::pair<std::string, int64_t>>> ReadStatusCounters(const ModelReader& model) {
  std::vector<std::pair<std::string, int64_t>> out;
  bool malformed = false;
  Status s = model.Scan(
      kStatusCounterPrefix, "", false, [&](std::string_view key, std::string_view value) {
        int64_t count = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), count);
        if (ec != std::errc() || end != value.data() + value.size()) {
          malformed = true;
          return false;
        }
        out.emplace_back(std::string(key.substr(std::string_view(kStatusCounterPrefix).size())),
                         count);
        return true;
      });
  if (!s.ok()) return s;
  if (malformed) return Status::Corruption("a status counter is not a number");
  return out;
}

}  // namespace sb::projections
