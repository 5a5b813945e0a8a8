// Which streams a $all reader or subscriber wants, as a shell glob over the stream name
// ("acme/*" for a tenant, "*/call/*" for every call). '*' also matches '/'.
#ifndef SWITCHBOARD_EVENTSTORE_STREAM_FILTER_H_
#define SWITCHBOARD_EVENTSTORE_STREAM_FILTER_H_

#include <string>
#include <string_view>

namespace sb::es {

class StreamFilter {
 public:
  StreamFilter() = default;  // matches every stream
  static StreamFilter Glob(std::string pattern) { return StreamFilter(std::move(pattern)); }

  bool MatchesAll() const { return pattern_.empty(); }
  bool Matches(std::string_view stream) const;
  const std::string& pattern() const { return pattern_; }

 private:
  explicit StreamFilter(std::string pattern) : pattern_(std::move(pattern)) {}
  std::string pattern_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_STREAM_FILTER_H_
