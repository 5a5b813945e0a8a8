#include "eventstore/stream_filter.h"

#include <fnmatch.h>

namespace sb::es {

StreamFilter::StreamFilter(std::string pattern) : pattern_(std::move(pattern)) {
  stars_only_ = pattern_.find_first_of("?[\\") == std::string::npos;
  if (!stars_only_) return;
  size_t start = 0;
  for (size_t star = pattern_.find('*'); star != std::string::npos;
       star = pattern_.find('*', start)) {
    pieces_.push_back(pattern_.substr(start, star - start));
    start = star + 1;
  }
  pieces_.push_back(pattern_.substr(start));
}

bool StreamFilter::Matches(std::string_view stream) const {
  if (pattern_.empty()) return true;
  if (stars_only_) return MatchesStarGlob(stream);
  // fnmatch needs a NUL-terminated name.
  char buffer[256];
  if (stream.size() < sizeof(buffer)) {
    stream.copy(buffer, stream.size());
    buffer[stream.size()] = '\0';
    return fnmatch(pattern_.c_str(), buffer, 0) == 0;
  }
  const std::string name(stream);
  return fnmatch(pattern_.c_str(), name.c_str(), 0) == 0;
}

// The first piece is a prefix, the last a suffix, and those between occur in order in what is
// left; taking the leftmost occurrence of each never loses a match.
bool StreamFilter::MatchesStarGlob(std::string_view stream) const {
  const std::string& first = pieces_.front();
  if (pieces_.size() == 1) return stream == first;
  const std::string& last = pieces_.back();
  if (stream.size() < first.size() + last.size()) return false;
  if (stream.compare(0, first.size(), first) != 0) return false;
  if (stream.compare(stream.size() - last.size(), last.size(), last) != 0) return false;
  std::string_view middle = stream.substr(first.size(), stream.size() - first.size() - last.size());
  for (size_t i = 1; i + 1 < pieces_.size(); ++i) {
    const size_t at = middle.find(pieces_[i]);
    if (at == std::string_view::npos) return false;
    middle.remove_prefix(at + pieces_[i].size());
  }
  return true;
}

}  // namespace sb::es
