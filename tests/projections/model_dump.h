// Every key and value of each projection's active model, for comparing two models.
#ifndef SWITCHBOARD_TESTS_PROJECTIONS_MODEL_DUMP_H_
#define SWITCHBOARD_TESTS_PROJECTIONS_MODEL_DUMP_H_

#include <map>
#include <string>

#include "projections/projection_engine.h"

namespace sb::testing {

using ModelDump = std::map<std::string, std::map<std::string, std::string>>;

inline ModelDump DumpModels(const projections::ProjectionEngine& engine) {
  ModelDump dump;
  for (const auto& name : engine.Names()) {
    auto& model = dump[name];
    auto reader = engine.Reader(name);
    Status s = reader->Scan("", "", false, [&](std::string_view key, std::string_view value) {
      model.emplace(std::string(key), std::string(value));
      return true;
    });
    if (!s.ok()) dump["!error"][name] = s.ToString();
  }
  return dump;
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_PROJECTIONS_MODEL_DUMP_H_
