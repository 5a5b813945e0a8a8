// EventStore: the append-only, durable event log every entity's state derives from.
//
// One global, gap-free position ($all, from 1) plus a contiguous version per stream (from 1).
// Appends from any number of threads are group-committed by a single writer thread into RocksDB
// WriteBatches; a sync thread makes them durable, one WAL sync for every batch written since the
// last, while the writer goes on with the next. An append is acknowledged only after its batch is
// durable, and reads see only durable events. If a write or sync fails, the store enters a failed
// state (LevelDB's rule): every later append is refused with Status::Failed, reads keep working,
// and nothing acknowledged is lost.
//
// Thread-safety: every method may be called from any thread. Reads and the key-value helpers are
// blocking RocksDB calls (microseconds from cache, a disk read otherwise); actor and I/O code
// should run them on a thread of its own. Append callbacks run on one of the log's threads (the
// sync thread, the thread that answers for it while it syncs the next batch, or the writer when
// it syncs a lone batch itself), one at a time and in position order, and must not block.
#ifndef SWITCHBOARD_EVENTSTORE_EVENT_STORE_H_
#define SWITCHBOARD_EVENTSTORE_EVENT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/status.h"
#include "eventstore/append_chain.h"
#include "eventstore/event.h"
#include "eventstore/expected_version.h"
#include "eventstore/read_model_batch.h"
#include "eventstore/stream_filter.h"
#include "eventstore/subscription.h"

namespace rocksdb {
class Env;
}

namespace sb::es {

class StoreCore;
class GroupCommitter;

struct BatchMetrics {
  size_t requests = 0;
  size_t events = 0;
  size_t bytes = 0;
  int64_t write_micros = 0;  // the WriteBatches plus the WAL sync that made them durable
};

struct StoreOptions {
  bool create_if_missing = true;
  // A follower opens a directory that another process may own, read-only, without its lock.
  // It sees what the owner had made durable when it opened, and more after each CatchUp().
  bool follower = false;
  size_t max_batch_events = 8192;     // group commit cap per WriteBatch
  size_t max_event_bytes = 1 << 20;   // payload and metadata of one event
  size_t subscription_buffer = 8192;  // live events held per subscriber before it reads disk
  // The WAL files kept, at most (about): past this the column families that hold the oldest
  // one alive are flushed, so disk use and the replay on the next open stay bounded. Without
  // it RocksDB keeps up to 4 x the memtables' size (3.3 GB here) behind small, rarely written
  // families such as snapshots and checkpoints.
  uint64_t max_wal_bytes = 256 << 20;
  // Called on one of the log's threads after every WAL sync that made appends durable (metrics).
  // Must not block.
  std::function<void(const BatchMetrics&)> on_batch;
  rocksdb::Env* env =
      nullptr;  // its file system: tests inject disk failures; nullptr = the default
};

struct AppendResult {
  Status status;  // ok, or why nothing was appended
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  // The stream's version after the append. On a version conflict: the current version.
  uint64_t stream_version = 0;
  // Every event id was already stored by an earlier append of the same events: nothing was
  // written and the positions are the original ones.
  bool duplicate = false;
};
using AppendCallback = std::function<void(const AppendResult&)>;
using EventVisitor = std::function<void(const RecordedEvent&)>;

enum class Direction { kForward, kBackward };
inline constexpr uint64_t kStreamEnd = UINT64_MAX;  // "from the last version" when reading back

struct AllSlice {
  std::vector<RecordedEvent> events;
  uint64_t next_position = 1;  // where the next read continues (past filtered-out events too)
};

struct Snapshot {
  uint64_t version = 0;  // the stream version the state reflects
  std::string state;
};

struct StoreStats {
  uint64_t batches = 0;
  uint64_t requests = 0;
  uint64_t events = 0;
};

class EventStore {
 public:
  // Opens (or creates) the log in `dir`. Errors: Busy when another process holds the
  // directory, IOError when it cannot be read or created, Corruption when it is damaged,
  // InvalidArgument when it is not a switchboard log. Never returns a half-open store.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& dir,
                                                  StoreOptions options = {});
  // Finishes queued appends, stops the writer and closes the database. Subscriptions that
  // outlive the store answer Unavailable.
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends `events` to `stream` atomically if `expected` matches its current version; `done`
  // is called once, on one of the log's threads, after the batch is durable or the append refused:
  //   InvalidArgument  bad stream name, empty list, invalid payload JSON, oversize, repeated or
  //                    nil id within the call;
  //   Conflict         version mismatch (stream_version = current), or some of the ids are
  //                    already stored but not as exactly this append;
  //   Failed           the store is in the failed state (or a follower);
  //   Unavailable      the store is closing.
  // Appends are positioned in the order they are called: one called after another has
  // returned gets later positions, whichever batch each lands in. With a `chain`, the append
  // is also refused (Conflict) once an earlier append of the same chain was (append_chain.h).
  void AppendAsync(std::string stream, ExpectedVersion expected, std::vector<EventData> events,
                   AppendCallback done, std::shared_ptr<AppendChain> chain = nullptr);
  // Blocking form of AppendAsync.
  AppendResult Append(std::string stream, ExpectedVersion expected, std::vector<EventData> events);

  // Events of one stream starting at `from_version` (inclusive), at most `limit`. Backward reads
  // may start at kStreamEnd. A stream that does not exist reads as empty.
  Result<std::vector<RecordedEvent>> ReadStream(const std::string& stream, uint64_t from_version,
                                                Direction direction, size_t limit) const;
  // Events of the whole log from `from_position` (inclusive) in position order, at most `limit`
  // that match `filter`.
  Result<AllSlice> ReadAll(uint64_t from_position, size_t limit,
                           const StreamFilter& filter = {}) const;
  // The same walk without copies: `visit` sees each matching event (valid only during the
  // call; no store calls from inside it). Returns the position where the next scan continues.
  // This is the replay path of projections.
  Result<uint64_t> ScanAll(uint64_t from_position, size_t limit, const StreamFilter& filter,
                           const EventVisitor& visit) const;
  // The walk for callers that keep what they read (a replay handing events to several
  // readers), up to `until_position` (inclusive): `place(position, stream)` says where to decode
  // that record, or nullptr to skip it undecoded; `placed` (may be empty) sees it once decoded.
  // `limit` counts placed records.
  using RecordPlace = std::function<RecordedEvent*(uint64_t position, std::string_view stream)>;
  Result<uint64_t> ScanInto(uint64_t from_position, uint64_t until_position, size_t limit,
                            const RecordPlace& place, const EventVisitor& placed = {}) const;
  Result<RecordedEvent> ReadAt(uint64_t position) const;

  // The last durable position (0 for an empty log).
  uint64_t LastPosition() const;
  // The stream's current version (0 if it does not exist).
  Result<uint64_t> StreamVersion(const std::string& stream) const;

  // A live feed of the log from `from_position` matching `filter`: it catches up from disk, then
  // follows new appends, with no gap and no duplicate. `on_available` (may be empty) is called on
  // one of the log's threads whenever new events may be ready; it must not block.
  std::shared_ptr<Subscription> Subscribe(uint64_t from_position, StreamFilter filter = {},
                                          std::function<void()> on_available = {});

  // Snapshots are an optimisation only: losing one changes no answer.
  Status SaveSnapshot(const std::string& stream, const Snapshot& snapshot);
  Result<Snapshot> LoadSnapshot(const std::string& stream) const;  // NotFound when none
  Status DeleteSnapshot(const std::string& stream);

  // Projection checkpoints: the last position a projection has folded (0 when none).
  Status SaveCheckpoint(const std::string& projection, uint64_t position);
  Result<uint64_t> LoadCheckpoint(const std::string& projection) const;

  // Idempotency keys of client requests, mapped to the response they produced.
  Status PutIdempotencyKey(const std::string& key, const std::string& response);
  Result<std::string> GetIdempotencyKey(const std::string& key) const;  // NotFound when none

  // Read models (projections/): one atomic, unsynced batch of model changes and checkpoints.
  // The model can always be folded again from the log, so it need not wait for a sync; the
  // batch still lands whole or not at all. Failed on a follower.
  Status WriteReadModel(const ReadModelBatch& batch);
  // The same for a model nobody reads or resumes yet (a rebuild's new generation): the model
  // changes go in as one table file ingested into the model's family, which skips the
  // memtable, the WAL and the flush, and then the checkpoints are written. Not atomic: after a
  // crash the model may hold changes its checkpoint does not, so such a model must be
  // discarded, not resumed, after a crash. Failed on a follower.
  Status IngestReadModel(const ReadModelBatch& batch);
  Result<std::string> GetReadModel(const std::string& key) const;  // NotFound when none
  // Visits read-model keys that start with `prefix`, from `start` (inclusive; empty: the first
  // key, or the last when `reverse`), until `visit` returns false. Views are valid only
  // during the call; no store calls from inside it.
  Status ScanReadModel(
      const std::string& prefix, const std::string& start, bool reverse,
      const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
  // Deletes every read-model key that starts with `prefix` (a dropped model). For a prefix
  // "<generation>/" of a generation with a family of its own, drops the family.
  Status DeleteReadModelPrefix(const std::string& prefix);
  // Keys under "<generation>/" are kept from now on in a column family of their own, which
  // DeleteReadModelPrefix("<generation>/") drops whole: retiring a model costs no range delete
  // to compact away, and the table files a rebuild ingests never overlap another generation's.
  // Call it before the generation's first write (keys written under the prefix before are no
  // longer seen). Idempotent; Failed on a follower. Families are opened with the log.
  Status CreateReadModelGeneration(const std::string& generation);

  // Writes a consistent copy of the whole database (log, snapshots, checkpoints, read models)
  // to `to_dir`, which must not exist, while appends go on. SST files are hard-linked when
  // `to_dir` is on the same file system. The copy opens as an ordinary data directory.
  Status Backup(const std::string& to_dir);

  // Follower only: see what the owner has made durable since. Returns the new LastPosition().
  // When the owner has created a column family since (a read-model generation), the follower
  // opens the database again to see it; reads made meanwhile by other threads wait for that.
  Result<uint64_t> CatchUp();

  // Ok, or the Failed status that stopped the writer.
  Status health() const;
  StoreStats stats() const;
  const std::string& dir() const;

  // The internals Verify walks.
  const StoreCore& core() const { return *core_; }

 private:
  EventStore() = default;

  std::shared_ptr<StoreCore> core_;
  std::unique_ptr<GroupCommitter> writer_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_EVENT_STORE_H_
