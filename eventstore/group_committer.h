// GroupCommitter: the store's single writer. Appends from every thread queue here; the writer
// thread takes all that is queued, checks each against the stream versions and stored ids,
// writes the accepted ones as one WriteBatch with one WAL sync, and only then answers them and
// hands the batch to subscribers. Internal to eventstore/.
#ifndef SWITCHBOARD_EVENTSTORE_GROUP_COMMITTER_H_
#define SWITCHBOARD_EVENTSTORE_GROUP_COMMITTER_H_

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "eventstore/event_store.h"

namespace sb::es {

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::vector<EventData> events;  // validated by the caller
  AppendCallback done;
};

class GroupCommitter {
 public:
  // `core` must outlive the committer.
  explicit GroupCommitter(StoreCore* core);
  // Commits what is still queued, then stops the thread.
  ~GroupCommitter();

  void Submit(AppendRequest request);

 private:
  struct Batch;

  void Run();
  void Commit(std::vector<AppendRequest>* requests);
  // Decides one request into `batch`; returns its result (ok results are provisional until the
  // batch is durable).
  AppendResult Stage(const AppendRequest& request, Batch* batch);
  // Looks for the request's ids in the batch and the log: kNone, or a result saying how the
  // request duplicates (or conflicts with) what is stored.
  bool CheckDuplicates(const AppendRequest& request, const Batch& batch, AppendResult* result);
  Result<uint64_t> CurrentVersion(const std::string& stream, const Batch& batch);

  StoreCore* const core_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<AppendRequest> queue_;
  bool stopping_ = false;
  size_t gather_target_ = 1;  // requests the last batch held: worth waiting briefly for

  int64_t last_write_micros_ = 0;  // duration of the last WriteBatch + sync

  // Owned by the writer thread.
  std::unordered_map<std::string, uint64_t> versions_;  // cache of streams' current versions
  uint64_t next_position_;

  std::thread thread_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_GROUP_COMMITTER_H_
