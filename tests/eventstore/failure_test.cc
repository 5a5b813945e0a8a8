// A failed WAL sync stops the writer for good (LevelDB's rule): nothing unacknowledged is
// reported as written, nothing acknowledged is lost, reads keep working.
#include <atomic>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <catch2/catch.hpp>

#include "eventstore/verify.h"
#include "tests/eventstore/store_test_util.h"
#include "tests/support/failing_wal_fs.h"

namespace sb::testing {
namespace {

using es::ExpectedVersion;

TEST_CASE("a failed sync puts the store into a read-only failed state", "[eventstore][failure]") {
  TempDir dir;
  std::atomic<bool> fail{false};
  auto fs = std::make_shared<FailingWalFs>(&fail);
  auto env = rocksdb::NewCompositeEnv(fs);
  std::vector<es::RecordedEvent> acknowledged;
  {
    es::StoreOptions options;
    options.env = env.get();
    auto store = OpenStore(dir.path(), options);
    REQUIRE(store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(3)).status.ok());
    acknowledged = ReadWholeLog(*store);

    fail = true;
    auto failed = store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(2));
    INFO(failed.status.ToString());
    CHECK(failed.status.IsFailed());
    CHECK(store->health().IsFailed());
    CHECK(store->LastPosition() == 3);

    fail = false;  // even a recovered disk does not un-fail the store
    auto later = store->Append("acme/x/2", ExpectedVersion::Any(), MakeEvents(1));
    CHECK(later.status.IsFailed());
    CHECK(ReadWholeLog(*store).size() == 3);  // reads still work
  }
  // After a restart the log holds every acknowledged event, and is whole.
  auto store = OpenStore(dir.path());
  auto log = ReadWholeLog(*store);
  REQUIRE(log.size() >= 3);
  for (size_t i = 0; i < acknowledged.size(); ++i) CHECK(log[i].id == acknowledged[i].id);
  CHECK(es::Verify(*store)->ok());
  CHECK(store->Append("acme/x/1", ExpectedVersion::Any(), MakeEvents(1)).status.ok());
}

}  // namespace
}  // namespace sb::testing
