#include "eventstore/stream_filter.h"

#include <fnmatch.h>

namespace sb::es {

bool StreamFilter::Matches(std::string_view stream) const {
  if (pattern_.empty()) return true;
  // fnmatch needs a NUL-terminated name; a replay asks this of every record, so no allocation
  // for the usual short one.
  char buffer[256];
  if (stream.size() < sizeof(buffer)) {
    stream.copy(buffer, stream.size());
    buffer[stream.size()] = '\0';
    return fnmatch(pattern_.c_str(), buffer, 0) == 0;
  }
  const std::string name(stream);
  return fnmatch(pattern_.c_str(), name.c_str(), 0) == 0;
}

}  // namespace sb::es
