#include "projections/stream_name.h"

namespace sb::projections {

Result<StreamName> ParseStreamName(std::string_view stream) {
  const size_t first = stream.find('/');
  const size_t second = first == std::string_view::npos ? first : stream.find('/', first + 1);
  if (second == std::string_view::npos || stream.find('/', second + 1) != std::string_view::npos) {
    return Status::InvalidArgument("a stream is named <tenant>/<kind>/<id>, not '" +
                                   std::string(stream) + "'");
  }
  StreamName name{std::string(stream.substr(0, first)),
                  std::string(stream.substr(first + 1, second - first - 1)),
                  std::string(stream.substr(second + 1))};
  if (name.tenant.empty() || name.kind.empty() || name.id.empty()) {
    return Status::InvalidArgument("a stream is named <tenant>/<kind>/<id>, not '" +
                                   std::string(stream) + "'");
  }
  return name;
}

}  // namespace sb::projections
