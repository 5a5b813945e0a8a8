// A bad environment gives one clear error, never a crash or a half-open store.
#include <fstream>

#include <rocksdb/db.h>
#include <catch2/catch.hpp>

#include "tests/eventstore/store_test_util.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_CASE("a data directory held by another opener is refused as busy", "[eventstore][env]") {
  TempDir dir;
  auto owner = OpenStore(dir.path());
  auto second = es::EventStore::Open(dir.path());
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().IsBusy());
  CHECK(Contains(second.status().message(), "in use by another process"));
  // The owner is unharmed.
  CHECK(owner->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
}

TEST_CASE("a path that is a file is refused", "[eventstore][env]") {
  TempDir dir;
  std::ofstream(dir.Sub("file")) << "not a directory";
  auto store = es::EventStore::Open(dir.Sub("file"));
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().IsIOError());
  CHECK(Contains(store.status().message(), "is not a directory"));
}

TEST_CASE("a damaged database is refused", "[eventstore][env]") {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    REQUIRE(store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(3)).status.ok());
  }
  std::ofstream(dir.Sub("CURRENT"), std::ios::trunc) << "MANIFEST-999999\n";
  auto store = es::EventStore::Open(dir.path());
  REQUIRE_FALSE(store.ok());
  INFO(store.status().ToString());
  CHECK((store.status().IsCorruption() || store.status().IsIOError()));
  CHECK(Contains(store.status().message(), dir.path()));
}

TEST_CASE("a RocksDB database that is not an event log is refused", "[eventstore][env]") {
  TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(options, dir.path(), &raw).ok());
    REQUIRE(raw->Put(rocksdb::WriteOptions(), "k", "v").ok());
    delete raw;
  }
  auto store = es::EventStore::Open(dir.path());
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().IsInvalidArgument());
  CHECK(Contains(store.status().message(), "not a switchboard event log"));
}

TEST_CASE("a missing log is not created when asked not to", "[eventstore][env]") {
  TempDir dir;
  es::StoreOptions options;
  options.create_if_missing = false;
  auto store = es::EventStore::Open(dir.Sub("nothing"), options);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().IsNotFound());
  options = {};
  options.follower = true;
  CHECK(es::EventStore::Open(dir.Sub("nothing"), options).status().IsNotFound());
}

TEST_CASE("a follower reads beside the owner and catches up", "[eventstore][env]") {
  TempDir dir;
  auto owner = OpenStore(dir.path());
  REQUIRE(owner->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(3)).status.ok());

  es::StoreOptions options;
  options.follower = true;
  auto follower = OpenStore(dir.path(), options);
  CHECK(follower->LastPosition() == 3);
  CHECK(ReadWholeLog(*follower).size() == 3);

  REQUIRE(owner->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(2)).status.ok());
  auto caught = follower->CatchUp();
  REQUIRE(caught.ok());
  CHECK(*caught == 5);
  CHECK(ReadWholeLog(*follower).size() == 5);

  auto refused = follower->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(1));
  CHECK(refused.status.IsFailed());
  CHECK(owner->LastPosition() == 5);
}

}  // namespace
}  // namespace sb::testing
