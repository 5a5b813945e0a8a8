// Stream names: "<tenant>/<kind>/<id>", one stream per entity (design.md).
#ifndef SWITCHBOARD_PROJECTIONS_STREAM_NAME_H_
#define SWITCHBOARD_PROJECTIONS_STREAM_NAME_H_

#include <string>
#include <string_view>

#include "domain/result.h"

namespace sb::projections {

// The three parts of a stream name "<tenant>/<kind>/<id>".
struct StreamName {
  std::string tenant;
  std::string kind;
  std::string id;
};

// Splits `stream` into exactly three non-empty parts; InvalidArgument otherwise. The kind is
// not checked here.
Result<StreamName> ParseStreamName(std::string_view stream);

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_STREAM_NAME_H_
