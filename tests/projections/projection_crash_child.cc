// Child of the projection crash test: `projection_crash_child DIR live|rebuild SEED` folds the
// log (live: while appending random events; rebuild: rebuilding every projection over and over,
// alone and all at once)
// until the parent kills it with SIGKILL.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "projections/default_projections.h"
#include "projections/projection_engine.h"
#include "tests/support/random_events.h"

int main(int argc, char** argv) {
  if (argc != 4) return 2;
  const std::string dir = argv[1], mode = argv[2];
  auto store = sb::es::EventStore::Open(dir);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto engine =
      sb::projections::ProjectionEngine::Open(store->get(), sb::projections::DefaultProjections());
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 1;
  }
  sb::testing::RandomHistory history(std::strtoull(argv[3], nullptr, 10), 6, 6);
  if (mode == "live") {
    (*engine)->Start();
    for (;;) {
      if (!sb::testing::AppendRandom(**store, history, 20).ok()) return 1;
    }
  }
  for (;;) {
    // One model at a time, then all of them side by side.
    for (const auto& name : (*engine)->Names()) {
      auto s = (*engine)->Rebuild(name);
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
    }
    if (auto s = (*engine)->Rebuild((*engine)->Names()); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
  }
}
