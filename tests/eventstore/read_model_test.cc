// The read-model side of the store: logged batches and ingested ones give the same model, the
// newest write to a key wins whichever way each came, deletes apply, checkpoints land, and it
// all survives a reopen. Table files an interrupted ingest left behind are removed on open.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

std::map<std::string, std::string> Model(const es::EventStore& store, const std::string& prefix) {
  std::map<std::string, std::string> out;
  REQUIRE(store
              .ScanReadModel(prefix, "", false,
                             [&](std::string_view key, std::string_view value) {
                               out.emplace(std::string(key), std::string(value));
                               return true;
                             })
              .ok());
  return out;
}

TEST_CASE("ingested read-model batches read like logged ones, newest write first", "[eventstore]") {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    es::ReadModelBatch logged;
    logged.Put("m@1/a", "logged");
    logged.Put("m@1/b", "logged");
    logged.Put("m@1/c", "logged");
    logged.checkpoints["m@1"] = 10;
    REQUIRE(store->WriteReadModel(logged).ok());

    es::ReadModelBatch ingested;
    ingested.Put("m@1/b", "ingested");  // over a logged write
    ingested.Delete("m@1/c");           // a delete of a logged key
    ingested.Put("m@1/d", "ingested");
    ingested.checkpoints["m@1"] = 20;
    REQUIRE(store->IngestReadModel(ingested).ok());

    es::ReadModelBatch again;  // a later file over the earlier one
    again.Put("m@1/d", "ingested again");
    again.Put("m@1/e", "ingested again");
    again.checkpoints["m@1"] = 30;
    REQUIRE(store->IngestReadModel(again).ok());

    es::ReadModelBatch checkpoint_only;  // no model change: only the checkpoint moves
    checkpoint_only.checkpoints["m@1"] = 31;
    REQUIRE(store->IngestReadModel(checkpoint_only).ok());

    const std::map<std::string, std::string> want = {{"m@1/a", "logged"},
                                                     {"m@1/b", "ingested"},
                                                     {"m@1/d", "ingested again"},
                                                     {"m@1/e", "ingested again"}};
    CHECK(Model(*store, "m@1/") == want);
    CHECK(store->GetReadModel("m@1/c").status().IsNotFound());
    CHECK(*store->LoadCheckpoint("m@1") == 31);

    es::ReadModelBatch logged_after;  // a logged write over an ingested one
    logged_after.Put("m@1/e", "logged after");
    REQUIRE(store->WriteReadModel(logged_after).ok());
    CHECK(*store->GetReadModel("m@1/e") == "logged after");
    REQUIRE(store->DeleteReadModelPrefix("m@1/").ok());
    CHECK(Model(*store, "m@1/").empty());
    REQUIRE(store->IngestReadModel(ingested).ok());  // into a range deleted before
    CHECK(Model(*store, "m@1/").size() == 2);
  }
  auto reopened = OpenStore(dir.path());
  const std::map<std::string, std::string> want = {{"m@1/b", "ingested"}, {"m@1/d", "ingested"}};
  CHECK(Model(*reopened, "m@1/") == want);
  CHECK(*reopened->LoadCheckpoint("m@1") == 20);
}

TEST_CASE("within one batch the last write to a key wins, under the batch's key prefix",
          "[eventstore]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  for (const bool ingest : {false, true}) {
    const std::string prefix = ingest ? "ingested@1/" : "logged@1/";
    es::ReadModelBatch before;  // what is stored when the batch comes
    before.key_prefix = prefix;
    before.Put("kept", "stored");
    before.Put("deleted", "stored");
    REQUIRE(store->WriteReadModel(before).ok());

    es::ReadModelBatch batch;
    batch.key_prefix = prefix;
    batch.Put("b", "first");
    batch.Put("a", "first");
    batch.Put("b", "second");
    batch.Delete("deleted");
    batch.Delete("c");
    batch.Put("c", "after its delete");
    batch.Put("d", "before its delete");
    batch.Delete("d");
    batch.Put("b", "third");
    batch.checkpoints[prefix.substr(0, prefix.size() - 1)] = 7;
    REQUIRE((ingest ? store->IngestReadModel(batch) : store->WriteReadModel(batch)).ok());

    const std::map<std::string, std::string> want = {{prefix + "a", "first"},
                                                     {prefix + "b", "third"},
                                                     {prefix + "c", "after its delete"},
                                                     {prefix + "kept", "stored"}};
    CHECK(Model(*store, prefix) == want);
    CHECK(*store->LoadCheckpoint(prefix.substr(0, prefix.size() - 1)) == 7);
  }
}

TEST_CASE("a read-model generation with a family of its own is kept apart and dropped whole",
          "[eventstore]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  es::ReadModelBatch shared;  // a generation without a family keeps its keys in the shared one
  shared.Put("g@1/a", "old");
  REQUIRE(store->WriteReadModel(shared).ok());

  es::StoreOptions follow;
  follow.follower = true;
  auto early = OpenStore(dir.path(), follow);  // opened before the family exists
  REQUIRE(store->CreateReadModelGeneration("g@2").ok());
  REQUIRE(store->CreateReadModelGeneration("g@2").ok());  // idempotent
  CHECK(store->CreateReadModelGeneration("").IsInvalidArgument());
  CHECK(store->CreateReadModelGeneration("g/2").IsInvalidArgument());
  es::ReadModelBatch logged;
  logged.key_prefix = "g@2/";
  logged.Put("a", "logged");
  REQUIRE(store->WriteReadModel(logged).ok());
  es::ReadModelBatch ingested;
  ingested.key_prefix = "g@2/";
  ingested.Put("b", "ingested");
  REQUIRE(store->IngestReadModel(ingested).ok());
  es::ReadModelBatch mixed;  // one table file cannot go into two families
  mixed.Put("g@1/x", "x");
  mixed.Put("g@2/x", "x");
  CHECK(store->IngestReadModel(mixed).IsInvalidArgument());

  // A follower that was open before keeps following the log (`events --follow` beside a
  // server that rebuilds a model).
  REQUIRE(store->Append("acme/call/1", es::ExpectedVersion::Any(), {MakeEvent("CallRinging")})
              .status.ok());
  auto caught = early->CatchUp();
  INFO(caught.status().ToString());
  REQUIRE(caught.ok());
  CHECK(early->LastPosition() == 1);
  CHECK(*early->GetReadModel("g@2/b") == "ingested");
  early.reset();

  const std::map<std::string, std::string> two = {{"g@2/a", "logged"}, {"g@2/b", "ingested"}};
  const std::map<std::string, std::string> one = {{"g@1/a", "old"}};
  CHECK(Model(*store, "g@2/") == two);
  CHECK(Model(*store, "g@1/") == one);
  CHECK(*store->GetReadModel("g@2/b") == "ingested");

  store.reset();  // the family is opened with the log
  store = OpenStore(dir.path());
  CHECK(Model(*store, "g@2/") == two);
  {
    auto follower = OpenStore(dir.path(), follow);
    CHECK(*follower->GetReadModel("g@2/a") == "logged");
    CHECK(follower->CreateReadModelGeneration("g@3").IsFailed());
  }

  REQUIRE(store->DeleteReadModelPrefix("g@2/").ok());
  CHECK(Model(*store, "g@2/").empty());
  CHECK(Model(*store, "g@1/") == one);
  REQUIRE(store->CreateReadModelGeneration("g@2").ok());  // a new family, empty
  CHECK(Model(*store, "g@2/").empty());
  store.reset();
  store = OpenStore(dir.path());
  CHECK(Model(*store, "g@2/").empty());
  CHECK(Model(*store, "g@1/") == one);
}

TEST_CASE("table files an interrupted ingest left behind are removed on open", "[eventstore]") {
  TempDir dir;
  OpenStore(dir.path()).reset();
  const auto leftover = std::filesystem::path(dir.path()) / "ingest" / "7.sst";
  std::filesystem::create_directories(leftover.parent_path());
  std::ofstream(leftover) << "half a table";
  auto store = OpenStore(dir.path());
  CHECK_FALSE(std::filesystem::exists(leftover));
  es::ReadModelBatch batch;
  batch.Put("m@1/a", "x");
  REQUIRE(store->IngestReadModel(batch).ok());
  CHECK(*store->GetReadModel("m@1/a") == "x");
}

TEST_CASE("a follower ingests nothing", "[eventstore][env]") {
  TempDir dir;
  OpenStore(dir.path()).reset();
  es::StoreOptions options;
  options.follower = true;
  auto follower = OpenStore(dir.path(), options);
  es::ReadModelBatch batch;
  batch.Put("m@1/a", "x");
  CHECK(follower->IngestReadModel(batch).IsFailed());
  CHECK(follower->GetReadModel("m@1/a").status().IsNotFound());
}

}  // namespace
}  // namespace sb::testing
