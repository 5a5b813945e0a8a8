// The projection framework on a real log: incremental folding equals a rebuild from 0 for
// random histories, checkpoints survive reopening, online rebuilds swap without a gap, and
// read-your-writes waits.
#include <chrono>
#include <random>
#include <thread>

#include <catch2/catch.hpp>

#include "projections/call_queries.h"
#include "projections/call_sessions_projection.h"
#include "projections/default_projections.h"
#include "projections/projection_engine.h"
#include "projections/status_counters.h"
#include "tests/projections/model_dump.h"
#include "tests/support/random_events.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

using namespace std::chrono_literals;
using projections::ProjectionEngine;

std::unique_ptr<es::EventStore> OpenStore(const std::string& dir) {
  auto store = es::EventStore::Open(dir);
  REQUIRE(store.ok());
  return std::move(store).value();
}

std::unique_ptr<ProjectionEngine> OpenEngine(es::EventStore* store) {
  auto engine = ProjectionEngine::Open(store, projections::DefaultProjections());
  INFO(engine.status().ToString());
  REQUIRE(engine.ok());
  return std::move(engine).value();
}

void WaitCaughtUp(const ProjectionEngine& engine, const es::EventStore& store) {
  for (const auto& name : engine.Names()) {
    INFO(name);
    REQUIRE(engine.WaitFor(name, store.LastPosition(), 20s));
  }
}

TEST_CASE("incremental projection equals a rebuild from position 0, for random histories",
          "[projections]") {
  for (uint64_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    TempDir dir;
    auto store = OpenStore(dir.path());
    RandomHistory history(seed, 5, 8);
    std::mt19937_64 rng(seed);
    ModelDump incremental;
    {
      auto engine = OpenEngine(store.get());
      engine->Start();
      // Appends race with the runners in chunks of random size, and the engine is stopped and
      // reopened in the middle: it resumes at its checkpoints.
      for (int round = 0; round < 6; ++round) {
        REQUIRE(AppendRandom(*store, history, 50 + rng() % 400).ok());
        if (round == 2) {
          WaitCaughtUp(*engine, *store);
          engine.reset();
          engine = OpenEngine(store.get());
          engine->Start();
        }
      }
      WaitCaughtUp(*engine, *store);
      incremental = DumpModels(*engine);
    }
    auto engine = OpenEngine(store.get());
    for (const auto& name : engine->Names()) REQUIRE(engine->Rebuild(name).ok());
    auto rebuilt = DumpModels(*engine);
    CHECK(rebuilt.count("!error") == 0);
    REQUIRE(rebuilt.size() == incremental.size());
    for (const auto& [name, model] : incremental) {
      INFO(name);
      CHECK(!model.empty());
      CHECK(rebuilt[name] == model);
    }
    for (const auto& info : engine->List()) {
      CHECK(info.generation == 2);
      CHECK(info.lag == 0);
    }

    // All of them side by side: the same models again.
    REQUIRE(engine->Rebuild(engine->Names()).ok());
    auto together = DumpModels(*engine);
    for (const auto& [name, model] : incremental) {
      INFO(name);
      CHECK(together[name] == model);
    }
    for (const auto& info : engine->List()) CHECK(info.generation == 3);
  }
}

TEST_CASE("an offline rebuild of unknown or repeated names touches nothing", "[projections]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  RandomHistory history(7, 3, 3);
  REQUIRE(AppendRandom(*store, history, 100).ok());
  auto engine = OpenEngine(store.get());
  const std::string calls = projections::CallSessionsProjection::kName;
  CHECK(engine->Rebuild(std::vector<std::string>{calls, "nope"}).IsNotFound());
  CHECK(engine->Rebuild(std::vector<std::string>{calls, calls}).IsInvalidArgument());
  for (const auto& info : engine->List()) {
    CHECK(info.generation == 1);
    CHECK_FALSE(info.rebuilding);
  }
}

TEST_CASE("status counters agree with the states they count", "[projections]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  RandomHistory history(7, 4, 4);
  REQUIRE(AppendRandom(*store, history, 800).ok());
  auto engine = OpenEngine(store.get());
  engine->Start();
  WaitCaughtUp(*engine, *store);
  auto model = engine->Reader(projections::CallSessionsProjection::kName);
  projections::CallFilter all;
  all.tenant = "acme";
  auto page = projections::ListCalls(*model, all, 100000, 0);
  REQUIRE(page.ok());
  REQUIRE(page->total > 0);
  std::map<std::string, int64_t> counted;
  for (const auto& [id, call] : page->sessions) ++counted[domain::ToString(call.status)];
  auto counters = projections::ReadStatusCounters(*model);
  REQUIRE(counters.ok());
  std::map<std::string, int64_t> stored(counters->begin(), counters->end());
  CHECK(stored == counted);
}

TEST_CASE("an online rebuild keeps answering and swaps to an identical model", "[projections]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  RandomHistory history(11, 5, 5);
  REQUIRE(AppendRandom(*store, history, 3000).ok());
  auto engine = OpenEngine(store.get());
  engine->Start();
  WaitCaughtUp(*engine, *store);
  const auto before = DumpModels(*engine);
  auto old_reader = engine->Reader(projections::CallSessionsProjection::kName);

  REQUIRE(engine->StartRebuild(projections::CallSessionsProjection::kName).ok());
  CHECK(engine->StartRebuild(projections::CallSessionsProjection::kName).IsConflict());
  CHECK(engine->StartRebuild("nope").IsNotFound());
  // Appends go on during the rebuild; the swapped-in model must have them too.
  REQUIRE(AppendRandom(*store, history, 200).ok());
  const auto until = std::chrono::steady_clock::now() + 30s;
  for (;;) {
    auto list = engine->List();
    auto it = std::find_if(list.begin(), list.end(), [](const auto& i) {
      return i.name == projections::CallSessionsProjection::kName;
    });
    REQUIRE(it != list.end());
    INFO(it->rebuild_error);
    REQUIRE(it->rebuild_error.empty());
    if (!it->rebuilding && it->generation == 2) break;
    REQUIRE(std::chrono::steady_clock::now() < until);
    std::this_thread::sleep_for(10ms);
  }
  // The old model is still readable by whoever held it when it was replaced.
  projections::CallFilter all;
  all.tenant = "acme";
  auto old_page = projections::ListCalls(*old_reader, all, 1, 0);
  REQUIRE(old_page.ok());
  CHECK(old_page->total > 0);
  old_reader.reset();

  WaitCaughtUp(*engine, *store);
  const auto after = DumpModels(*engine);
  auto fresh = OpenEngine(store.get());  // same store, not started: compare with a rebuild
  engine.reset();
  REQUIRE(fresh->Rebuild(projections::CallSessionsProjection::kName).ok());
  const auto rebuilt = DumpModels(*fresh);
  CHECK(after.at("call_sessions") == rebuilt.at("call_sessions"));
  CHECK(after.at("call_sessions").size() > before.at("call_sessions").size());
}

TEST_CASE("WaitFor waits for a position and gives up after its timeout", "[projections]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  auto engine = OpenEngine(store.get());
  engine->Start();
  RandomHistory history(5, 2, 2);
  REQUIRE(AppendRandom(*store, history, 10).ok());
  CHECK(engine->WaitFor("agents", store->LastPosition(), 10s));
  CHECK(engine->Position("agents") >= store->LastPosition());
  CHECK_FALSE(engine->WaitFor("agents", store->LastPosition() + 100, 100ms));
  CHECK_FALSE(engine->WaitFor("no-such-projection", 1, 10ms));
}

}  // namespace
}  // namespace sb::testing
