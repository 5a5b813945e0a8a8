// Which streams a $all reader or subscriber wants, as a shell glob over the stream name
// ("acme/*" for a tenant, "*/call/*" for every call). '*' also matches '/'.
#ifndef SWITCHBOARD_EVENTSTORE_STREAM_FILTER_H_
#define SWITCHBOARD_EVENTSTORE_STREAM_FILTER_H_

#include <string>
#include <string_view>
#include <vector>

namespace sb::es {

class StreamFilter {
 public:
  StreamFilter() = default;  // matches every stream
  static StreamFilter Glob(std::string pattern) { return StreamFilter(std::move(pattern)); }

  bool MatchesAll() const { return pattern_.empty(); }
  // The same answer as fnmatch(pattern, stream, 0).
  bool Matches(std::string_view stream) const;
  const std::string& pattern() const { return pattern_; }

 private:
  explicit StreamFilter(std::string pattern);
  bool MatchesStarGlob(std::string_view stream) const;

  std::string pattern_;
  // A pattern whose only wildcard is '*' (every filter the server makes) is matched as the
  // literal pieces between its stars: a replay asks this of every record.
  bool stars_only_ = false;
  std::vector<std::string> pieces_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_STREAM_FILTER_H_
