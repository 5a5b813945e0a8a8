// GroupCommitter: the store's single writer. Appends from every thread queue here; the writer
// thread takes all that is queued, checks each against the stream versions and stored ids, and
// writes the accepted ones as one WriteBatch. A second thread syncs the WAL: one sync covers
// every batch written before it started, and only then are those batches' appends answered and
// handed to subscribers. The writer stages and writes the next batch while the disk syncs the
// last, so the log's bookkeeping costs no sync time; and when the next batch is already written
// as a sync ends, a third thread answers the synced one, so the next sync starts at once.
// Internal to eventstore/.
#ifndef SWITCHBOARD_EVENTSTORE_GROUP_COMMITTER_H_
#define SWITCHBOARD_EVENTSTORE_GROUP_COMMITTER_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/handoff_queue.h"

namespace sb::es {

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::vector<EventData> events;  // validated by the caller
  AppendCallback done;
  std::shared_ptr<AppendChain> chain;  // optional: broken when this append is refused
};

class GroupCommitter {
 public:
  // `core` must outlive the committer.
  explicit GroupCommitter(StoreCore* core);
  // Commits and acknowledges what is still queued, then stops both threads.
  ~GroupCommitter();

  void Submit(AppendRequest request);

 private:
  struct Batch;
  struct Written;
  struct Synced;

  void Run();
  void Commit(std::vector<AppendRequest>* requests);
  // The sync thread: one WAL sync for everything written since the last, then Acknowledge (or
  // hands that to the acknowledging thread). The writer does the same itself when the sync
  // thread is idle and no append waits.
  void SyncLoop();
  void SyncAndAcknowledge(std::vector<Written>* batches);
  // The acknowledging thread: answers what the sync thread handed it, in order.
  void AcknowledgeLoop();
  // Publishes the synced batches and answers their appends, in position order; `verdict` is
  // ok if the sync made them durable.
  void Acknowledge(std::vector<Written>* synced, const Status& verdict,
                   const BatchMetrics& metrics);
  // Finds which of the requests' ids the log already holds, in one lookup for the batch.
  void LookUpStoredIds(const std::vector<AppendRequest>& requests, Batch* batch);
  // Decides one request into `batch`, taking its events; returns its result (ok results are
  // provisional until the batch is durable).
  AppendResult Stage(AppendRequest* request, Batch* batch);
  // Looks for the request's ids in the batch and the log: kNone, or a result saying how the
  // request duplicates (or conflicts with) what is stored.
  bool CheckDuplicates(const AppendRequest& request, const Batch& batch, AppendResult* result);
  // The stream's version as staged so far: the slot Stage moves on when it stages an append.
  Result<uint64_t*> StreamVersion(const std::string& stream);

  StoreCore* const core_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<AppendRequest> queue_;
  bool stopping_ = false;

  HandoffQueue<Written> written_;  // written (or refused), in position order, awaiting a sync
  HandoffQueue<Synced> synced_;    // synced (or failed), in position order, awaiting answers

  // Owned by the writer thread.
  // Streams' versions including staged appends. A failed write leaves staged versions here
  // that never reached the log, which is harmless: the store then refuses every later append.
  std::unordered_map<std::string, uint64_t> versions_;
  uint64_t next_position_;

  std::thread sync_thread_;
  std::thread acknowledge_thread_;
  std::thread thread_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_GROUP_COMMITTER_H_
