// Projection: how one read model is folded from the log.
//
// A projection is deterministic: the same events in the same order give the same model, so a
// model rebuilt from position 0 equals the one folded incrementally. The runner hands it the
// events of one step (those matching filter(), in log order) through its folder, then
// commits the step's writes together with the checkpoint in one atomic batch. The runner keeps
// one folder for its whole life, so a folder may cache decoded state between steps (it sees
// every write to its model: nothing else writes there).
#ifndef SWITCHBOARD_PROJECTIONS_PROJECTION_H_
#define SWITCHBOARD_PROJECTIONS_PROJECTION_H_

#include <memory>
#include <string>
#include <vector>

#include "domain/status.h"
#include "eventstore/event.h"
#include "eventstore/stream_filter.h"
#include "projections/model_writer.h"

namespace sb::projections {

// Folds steps of events into a model: Apply for each event of a step, then Finish once before
// the step's commit. Between Apply calls it may keep state in memory and write it in Finish.
class ProjectionFolder {
 public:
  virtual ~ProjectionFolder() = default;
  // A non-ok status stops the runner (the step is not committed): an event the projection
  // cannot fold is a fault to look at, not one to skip.
  virtual Status Apply(const es::RecordedEvent& event, ModelWriter& model) = 0;
  // Applies a run of events in order, stopping at the first failure. A folder that can prepare
  // for the events ahead (prefetching their states) overrides it.
  virtual Status ApplyAll(const std::vector<es::RecordedEvent>& events, ModelWriter& model) {
    for (const auto& event : events) {
      if (Status s = Apply(event, model); !s.ok()) return s;
    }
    return Status::OK();
  }
  virtual Status Finish(ModelWriter& model) = 0;
};

class Projection {
 public:
  virtual ~Projection() = default;
  // Stable name: it is the key prefix of the model and the name in the admin API and CLI.
  virtual std::string name() const = 0;
  // The streams whose events the projection folds.
  virtual es::StreamFilter filter() const = 0;
  // A folder for one runner (one generation of the model).
  virtual std::unique_ptr<ProjectionFolder> NewFolder() const = 0;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_PROJECTION_H_
