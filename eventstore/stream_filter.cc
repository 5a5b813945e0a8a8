#include "eventstore/stream_filter.h"

#include <fnmatch.h>

namespace sb::es {

bool StreamFilter::Matches(std::string_view stream) const {
  if (pattern_.empty()) return true;
  const std::string name(stream);  // fnmatch needs NUL-terminated strings
  return fnmatch(pattern_.c_str(), name.c_str(), 0) == 0;
}

}  // namespace sb::es
