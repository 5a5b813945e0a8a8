// Crash test: a child folds the log (live while appending, or rebuilding) and is killed with
// SIGKILL at random moments; after each kill the models, resumed from their checkpoints, must
// equal models rebuilt from position 0: no event applied twice or skipped.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include <catch2/catch.hpp>

#include "eventstore/verify.h"
#include "projections/default_projections.h"
#include "projections/projection_engine.h"
#include "tests/projections/model_dump.h"
#include "tests/support/random_events.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace sb::testing {
namespace {

using namespace std::chrono_literals;

void RunChildAndKill(const std::string& dir, const char* mode, int round,
                     std::chrono::milliseconds run) {
  pid_t pid = 0;
  const std::string seed = std::to_string(1000 + round);
  const char* argv[] = {PROJECTION_CRASH_CHILD, dir.c_str(), mode, seed.c_str(), nullptr};
  REQUIRE(posix_spawn(&pid, PROJECTION_CRASH_CHILD, nullptr, nullptr,
                      const_cast<char* const*>(argv), environ) == 0);
  std::this_thread::sleep_for(run);
  kill(pid, SIGKILL);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  INFO("the child must die by the signal, not exit on an error");
  REQUIRE(WIFSIGNALED(status));
}

TEST_CASE("models resumed after SIGKILL equal models rebuilt from 0", "[projections][crash]") {
  TempDir dir;
  {
    auto store = es::EventStore::Open(dir.path());
    REQUIRE(store.ok());
    RandomHistory history(99, 6, 6);
    REQUIRE(AppendRandom(**store, history, 2000).ok());
  }
  std::mt19937 rng(42);
  for (int round = 0; round < 12; ++round) {
    INFO("round " << round);
    const char* mode = round % 2 ? "rebuild" : "live";
    RunChildAndKill(dir.path(), mode, round, std::chrono::milliseconds(150 + rng() % 600));

    auto store = es::EventStore::Open(dir.path());
    REQUIRE(store.ok());
    auto report = es::Verify(**store);
    REQUIRE(report.ok());
    REQUIRE(report->ok());
    ModelDump resumed;
    {
      auto engine =
          projections::ProjectionEngine::Open(store->get(), projections::DefaultProjections());
      INFO(engine.status().ToString());
      REQUIRE(engine.ok());
      (*engine)->Start();
      for (const auto& name : (*engine)->Names()) {
        REQUIRE((*engine)->WaitFor(name, (*store)->LastPosition(), 60s));
      }
      resumed = DumpModels(**engine);
    }
    auto engine =
        projections::ProjectionEngine::Open(store->get(), projections::DefaultProjections());
    REQUIRE(engine.ok());
    for (const auto& name : (*engine)->Names()) REQUIRE((*engine)->Rebuild(name).ok());
    const auto rebuilt = DumpModels(**engine);
    for (const auto& [name, model] : rebuilt) {
      INFO(name);
      CHECK(resumed[name] == model);
    }
  }
}

}  // namespace
}  // namespace sb::testing
