// ProjectionEngine: every read model of one process, its runners, and rebuilds.
//
// Each projection has an active generation: its model under "<name>@<generation>/" and a
// checkpoint of the same name. A rebuild folds a new generation from position 0 beside the
// active one, which keeps answering; once the new one has caught up with the log they swap in
// one atomic write and the old model is deleted when its last reader lets go. Generation
// bookkeeping lives in the read-model column family ("$active/<name>", "$building/<name>",
// "$retired/<name>"), so a crash in the middle of a rebuild or a swap is cleaned up on Open.
//
// Thread-safety: every method may be called from any thread (Open and Rebuild excepted: they
// are for one thread before Start). Nothing here may run on an I/O thread or a CAF worker
// except List, Reader and Position, which touch memory only.
#ifndef SWITCHBOARD_PROJECTIONS_PROJECTION_ENGINE_H_
#define SWITCHBOARD_PROJECTIONS_PROJECTION_ENGINE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/result.h"
#include "eventstore/event_store.h"
#include "projections/model_writer.h"
#include "projections/projection.h"

namespace sb::projections {

struct ProjectionInfo {
  std::string name;
  uint64_t generation = 0;
  uint64_t position = 0;  // last log position folded into the active model
  uint64_t lag = 0;       // events in the log it has not folded yet
  std::string state;      // "live", "stopped" or "failed"
  std::string error;      // why it failed
  bool rebuilding = false;
  uint64_t rebuild_generation = 0;
  uint64_t rebuild_position = 0;
  std::string rebuild_error;
};

class ProjectionEngine {
 public:
  // Opens the active generation of each projection (creating generation 1 the first time)
  // and discards what an interrupted rebuild or swap left behind. The store must outlive it.
  static Result<std::unique_ptr<ProjectionEngine>> Open(
      es::EventStore* store, std::vector<std::shared_ptr<const Projection>> projections);
  ~ProjectionEngine();  // Stop()
  ProjectionEngine(const ProjectionEngine&) = delete;
  ProjectionEngine& operator=(const ProjectionEngine&) = delete;

  // Every active model follows the log on its own thread.
  void Start();
  // Stops every runner (a rebuild in progress is abandoned; Open discards it). Idempotent.
  void Stop();

  // Starts an online rebuild of `name`: NotFound for an unknown projection, Conflict while one
  // is already running, Failed after Stop.
  Status StartRebuild(const std::string& name);
  // Rebuilds `name` on the calling thread from position 0 to the end of the log and makes it
  // active. For `switchboard rebuild` (offline: before Start). `progress(position, last)`.
  Status Rebuild(const std::string& name,
                 const std::function<void(uint64_t position, uint64_t last)>& progress = {});
  // Rebuilds several projections so, side by side on threads of their own (NotFound, before
  // anything is touched, if one is unknown; InvalidArgument if one is named twice).
  Status Rebuild(const std::vector<std::string>& names,
                 const std::function<void(uint64_t position, uint64_t last)>& progress = {});

  // The active model of `name` (nullptr if unknown). Holding it keeps that generation's model
  // readable even if a rebuild replaces it meanwhile.
  std::shared_ptr<const ModelReader> Reader(const std::string& name) const;
  // The last log position the active model of `name` reflects (0 if unknown).
  uint64_t Position(const std::string& name) const;
  // Waits until the active model of `name` reflects `position`, up to `timeout`. Blocking:
  // never on an I/O thread. True if it does.
  bool WaitFor(const std::string& name, uint64_t position, std::chrono::milliseconds timeout) const;
  std::vector<ProjectionInfo> List() const;
  // The active model's status counters (status_counters.h), from memory: for metrics.
  std::vector<std::pair<std::string, int64_t>> StatusCounts(const std::string& name) const;
  std::vector<std::string> Names() const;

 private:
  struct Generation;
  struct Slot;
  explicit ProjectionEngine(es::EventStore* store);

  Status OpenSlot(const std::shared_ptr<const Projection>& projection);
  Result<std::shared_ptr<Generation>> NewBuilding(Slot& slot);
  // Makes the building generation of `name` active (on the builder's thread, or offline).
  Status Promote(const std::string& name, const std::shared_ptr<Generation>& building);

  es::EventStore* const store_;
  mutable std::mutex mu_;
  bool started_ = false;
  bool stopped_ = false;
  std::map<std::string, std::unique_ptr<Slot>> slots_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_PROJECTION_ENGINE_H_
