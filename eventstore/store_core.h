// StoreCore: the open database and what the writer, readers and subscriptions share.
// Internal to eventstore/.
#ifndef SWITCHBOARD_EVENTSTORE_STORE_CORE_H_
#define SWITCHBOARD_EVENTSTORE_STORE_CORE_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include "domain/result.h"
#include "eventstore/event_store.h"
#include "eventstore/read_model_batch.h"

namespace sb::es {

class StoreCore {
 public:
  StoreCore(std::string dir, StoreOptions options);
  ~StoreCore();

  Status Open();
  // Closes the database; later reads answer Unavailable. Idempotent.
  void Close();

  // Reads. Each takes the lifetime lock, so they are safe against a concurrent Close. They see
  // only events up to last_position, which the writer advances once a batch is durable: an
  // event written but not yet synced is invisible to readers, who could otherwise act on
  // something a machine crash takes back. Only the writer reads kWritten.
  enum class Visibility { kDurable, kWritten };
  Result<RecordedEvent> ReadAt(uint64_t position, Visibility v = Visibility::kDurable) const;
  // Visits matching events forward from `from` up to `until` (both inclusive), at most `limit`;
  // returns the position after the last one scanned.
  Result<uint64_t> ScanAll(uint64_t from, size_t limit, const StreamFilter& filter, uint64_t until,
                           const EventVisitor& visit) const;
  // EventStore::ScanInto, up to `until`.
  using RecordPlace = EventStore::RecordPlace;
  Result<uint64_t> ScanInto(uint64_t from, size_t limit, uint64_t until, const RecordPlace& place,
                            const EventVisitor& placed = {}) const;
  Result<AllSlice> ReadAll(uint64_t from, size_t limit, const StreamFilter& filter,
                           uint64_t until = UINT64_MAX) const;
  Result<std::vector<RecordedEvent>> ReadStream(const std::string& stream, uint64_t from_version,
                                                Direction direction, size_t limit) const;
  Result<uint64_t> StreamVersion(const std::string& stream,
                                 Visibility v = Visibility::kDurable) const;
  Result<std::string> Get(rocksdb::ColumnFamilyHandle* cf, const std::string& key) const;
  Status Put(rocksdb::ColumnFamilyHandle* cf, const std::string& key, const std::string& value);
  Status Delete(rocksdb::ColumnFamilyHandle* cf, const std::string& key);
  Result<uint64_t> CatchUp();
  Status WriteReadModel(const ReadModelBatch& batch);
  Status IngestReadModel(const ReadModelBatch& batch);
  // The read-model side of EventStore: keys routed to their generation's family.
  Status CreateModelGeneration(const std::string& generation);
  Result<std::string> GetModel(const std::string& key) const;
  Status ScanModel(const std::string& prefix, const std::string& start, bool reverse,
                   const std::function<bool(std::string_view, std::string_view)>& visit) const;
  Status DeleteModelPrefix(const std::string& prefix);
  // Where IngestReadModel builds its table files; emptied on Open.
  std::string IngestDir() const { return dir + "/ingest"; }
  // Visits keys with `prefix` from `start` (inclusive; empty: the first, or the last when
  // reversed) until `visit` returns false.
  Status ScanPrefix(rocksdb::ColumnFamilyHandle* cf, const std::string& prefix,
                    const std::string& start, bool reverse,
                    const std::function<bool(std::string_view, std::string_view)>& visit) const;
  Status DeleteRange(rocksdb::ColumnFamilyHandle* cf, const std::string& prefix);
  Status CreateCheckpoint(const std::string& to_dir);

  // Registers a subscription for live batches; expired ones are dropped as batches pass.
  void AddSubscriber(const std::shared_ptr<Subscription>& sub);
  void Publish(uint64_t first, uint64_t last, const std::vector<RecordedEvent>& batch);

  // Reads the last position stored (for recovery and followers).
  Result<uint64_t> LoadLastPosition() const;
  // The last position of the gap-free run of events from `from` + 1 on (`from` if none).
  Result<uint64_t> ContiguousEnd(uint64_t from) const;

  const std::string dir;
  const StoreOptions options;

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* stream_index = nullptr;
  rocksdb::ColumnFamilyHandle* event_ids = nullptr;
  rocksdb::ColumnFamilyHandle* snapshots = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency = nullptr;
  rocksdb::ColumnFamilyHandle* read_models = nullptr;

  std::atomic<uint64_t> last_position{0};  // the last durable position
  std::atomic<uint64_t> batches{0}, requests{0}, appended{0};

  // The failure that stopped the writer (ok while healthy).
  Status failure() const;
  void SetFailure(Status status);

 private:
  Status OpenDb();
  // Destroys the handles and closes the database; the caller holds lifetime_mu_ exclusively.
  void CloseDbLocked();
  Status CheckFormat(bool log_is_empty);
  Status ReadLocked(uint64_t position, RecordedEvent* out) const;
  Status WriteReadModelLocked(const std::string& key_prefix,
                              const std::vector<const ReadModelBatch::Write*>& writes,
                              const std::map<std::string, uint64_t>& positions);
  // The family that holds read-model `key`: its generation's own, else read_models. The caller
  // holds families_mu_.
  rocksdb::ColumnFamilyHandle* ModelFamilyOf(std::string_view key) const;

  mutable std::shared_mutex lifetime_mu_;  // shared: a read in progress; exclusive: Close
  std::atomic<uint64_t> next_ingest_file_{1};
  bool closed_ = false;
  std::unique_ptr<rocksdb::Env> env_;  // outlives db_
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // the fixed families, in name order
  // Read-model generations with a family of their own, by generation name. Lock order:
  // families_mu_, then lifetime_mu_.
  mutable std::shared_mutex families_mu_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> model_families_;
  rocksdb::ColumnFamilyOptions model_options_;
  std::string secondary_dir_;  // follower's private directory

  mutable std::mutex failure_mu_;
  Status failure_;

  std::mutex subs_mu_;
  std::vector<std::weak_ptr<Subscription>> subs_;
};

// Maps a RocksDB status to ours, prefixed with what we were doing.
Status FromRocks(const rocksdb::Status& s, const std::string& context);

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_STORE_CORE_H_
