// ProjectionRunner: folds the log into one generation of one projection.
//
// Each step takes up to a few thousand events from a subscription (from disk while behind,
// then live), folds them, and commits the model changes with the new checkpoint in one atomic
// batch: after a crash the runner resumes at the checkpoint, so no event is applied twice or
// skipped. It runs on a thread of its own (it reads and writes RocksDB), never on an I/O thread
// or a CAF worker, and appends never wait for it.
#ifndef SWITCHBOARD_PROJECTIONS_PROJECTION_RUNNER_H_
#define SWITCHBOARD_PROJECTIONS_PROJECTION_RUNNER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/status.h"
#include "eventstore/event_store.h"
#include "projections/event_source.h"
#include "projections/model_writer.h"
#include "projections/projection.h"

namespace sb::projections {

class ProjectionRunner {
 public:
  // `generation_name` ("<projection>@<generation>") names the checkpoint; the model lives
  // under "<generation_name>/". The store must outlive the runner.
  ProjectionRunner(es::EventStore* store, std::shared_ptr<const Projection> projection,
                   std::string generation_name);
  ~ProjectionRunner();  // Stop()
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  // Loads the checkpoint. Before CatchUp or Start.
  Status Open();

  // How a catch-up commits its steps. kIngested is for a generation nobody reads yet and that
  // is discarded rather than resumed after a crash (an offline rebuild): each step goes in as
  // a table file (EventStore::IngestReadModel), far cheaper than through the memtable.
  enum class Commits { kAtomic, kIngested };
  // Folds `source` on the calling thread until the checkpoint reaches `until` (clamped to the
  // log's end), calling `progress(position)` as steps are committed. For offline rebuilds;
  // `source` must start right after the checkpoint and match the projection's filter (a
  // consumer of a SharedScan). With kIngested each step's table file is written and ingested
  // on a thread of its own while the next step folds (steps still commit one after another, in
  // order); returns once the last is committed.
  Status CatchUp(EventSource& source, uint64_t until,
                 const std::function<void(uint64_t)>& progress = {},
                 Commits commits = Commits::kAtomic);

  // Follows the log on a thread of its own. Until the checkpoint first reaches the end of the
  // log it folds in catch-up steps, committed as `catch_up` says (kIngested ones in the
  // background, as in CatchUp); then, once the model holds them, `on_caught_up` is called
  // once, on that thread, and every later step is one atomic commit.
  void Start(std::function<void()> on_caught_up = {}, Commits catch_up = Commits::kAtomic);
  // Finishes the step in progress and joins. Idempotent. Not from the runner's own thread.
  void Stop();

  const std::string& generation_name() const { return generation_name_; }
  const Projection& projection() const { return *projection_; }
  // The last log position folded into the model (its checkpoint).
  uint64_t position() const { return position_.load(); }
  // Ok while running; the error that stopped the runner otherwise.
  Status status() const;
  uint64_t steps() const { return steps_.load(); }
  // The model's status counters (status_counters.h) as of the last commit, from memory.
  std::vector<std::pair<std::string, int64_t>> status_counts() const;
  // Waits until position() >= target, the runner fails, or `timeout` passes; true if reached.
  bool WaitFor(uint64_t target, std::chrono::milliseconds timeout) const;

 private:
  // One step, one commit: folds what the subscription has (waiting up to `wait` for something
  // new), chunk after chunk until `min_events` are folded or nothing more is there.
  // Folds events into the step's `model`; commits the step with its checkpoint.
  Status Fold(const std::vector<es::RecordedEvent>& events, ModelWriter& model);
  Status Commit(ModelWriter& model, uint64_t checkpoint, Commits commits);
  // Writes a sealed step and moves the checkpoint to it.
  Status Write(es::ReadModelBatch& batch, uint64_t checkpoint, Commits commits,
               bool counters_changed);
  // Waits for the step being committed in the background, if any: the first error any such
  // commit met (kept), or ok.
  Status AwaitCommit();
  Status Step(EventSource& source, std::chrono::milliseconds wait, size_t min_events,
              Commits commits);
  void Run(std::function<void()> on_caught_up, Commits catch_up);
  void Fail(Status status);
  Status RefreshStatusCounts();

  es::EventStore* const store_;
  const std::shared_ptr<const Projection> projection_;
  const std::string generation_name_;
  const std::string model_prefix_;
  const std::unique_ptr<ProjectionFolder> folder_;  // used by one thread at a time

  // Of the thread that folds.
  uint64_t folded_ = 0;                // the checkpoint of the last step folded (maybe uncommitted)
  bool commit_in_background_ = false;  // while catching up with kIngested
  CounterCache counters_;              // as of the last step folded
  std::thread committing_;             // the step being committed in the background
  Status background_status_;           // its outcome, once joined

  std::atomic<uint64_t> position_{0};
  std::atomic<uint64_t> steps_{0};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  mutable std::condition_variable advanced_;
  Status status_;
  std::vector<std::pair<std::string, int64_t>> status_counts_;
  std::thread thread_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_PROJECTION_RUNNER_H_
