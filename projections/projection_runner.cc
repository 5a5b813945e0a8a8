#include "projections/projection_runner.h"

#include <pthread.h>
#include <algorithm>

#include "projections/status_counters.h"

namespace sb::projections {
namespace {

// Events are read in chunks of kChunkEvents. A live step folds one chunk; a catch-up step
// (an offline rebuild, or a runner far behind) folds chunks until kCatchUpStepEvents or
// kMaxStepWrites pending model writes (which bound its memory), because each commit writes
// every state the step changed: fewer, larger commits rewrite a busy entity less often.
constexpr size_t kChunkEvents = 16384;
constexpr size_t kCatchUpStepEvents = 262144;
constexpr size_t kMaxStepWrites = 200000;
constexpr std::chrono::milliseconds kLiveWait{100};
// Counters remembered across steps (per agent and day, per status...): beyond this many, the
// cache starts over and counters are read from the model again.
constexpr size_t kMaxKnownCounters = 100000;

}  // namespace

ProjectionRunner::ProjectionRunner(es::EventStore* store,
                                   std::shared_ptr<const Projection> projection,
                                   std::string generation_name)
    : store_(store),
      projection_(std::move(projection)),
      generation_name_(std::move(generation_name)),
      model_prefix_(generation_name_ + "/"),
      folder_(projection_->NewFolder()) {}

ProjectionRunner::~ProjectionRunner() {
  Stop();
  (void)AwaitCommit();
}

Status ProjectionRunner::Open() {
  auto checkpoint = store_->LoadCheckpoint(generation_name_);
  if (!checkpoint.ok()) return checkpoint.status();
  position_ = folded_ = *checkpoint;
  return RefreshStatusCounts();
}

Status ProjectionRunner::RefreshStatusCounts() {
  auto counts = ReadStatusCounters(ModelReader(store_, model_prefix_));
  if (!counts.ok()) return counts.status();
  std::lock_guard lock(mu_);
  status_counts_ = std::move(counts).value();
  return Status::OK();
}

std::vector<std::pair<std::string, int64_t>> ProjectionRunner::status_counts() const {
  std::lock_guard lock(mu_);
  return status_counts_;
}

Status ProjectionRunner::Fold(const std::vector<es::RecordedEvent>& events, ModelWriter& model) {
  Status s = folder_->ApplyAll(events, model);
  if (s.IsCorruption()) return Status::Corruption(projection_->name() + ": " + s.message());
  return s;
}

Status ProjectionRunner::Commit(ModelWriter& model, uint64_t checkpoint, Commits commits) {
  if (Status s = folder_->Finish(model); !s.ok()) return s;
  if (counters_.size() > kMaxKnownCounters) counters_.clear();
  es::ReadModelBatch& batch = model.Seal();
  // One commit at a time, in order: a step's checkpoint never lands before the step's before.
  if (Status s = AwaitCommit(); !s.ok()) return s;
  folded_ = checkpoint;
  if (!commit_in_background_) {
    return Write(batch, checkpoint, commits, model.counters_changed());
  }
  committing_ = std::thread([this, batch = std::move(batch), checkpoint, commits,
                             changed = model.counters_changed()]() mutable {
    pthread_setname_np(pthread_self(), "sb-commit");
    background_status_ = Write(batch, checkpoint, commits, changed);
  });
  return Status::OK();
}

Status ProjectionRunner::Write(es::ReadModelBatch& batch, uint64_t checkpoint, Commits commits,
                               bool counters_changed) {
  batch.checkpoints[generation_name_] = checkpoint;
  if (Status s = commits == Commits::kIngested ? store_->IngestReadModel(batch)
                                               : store_->WriteReadModel(batch);
      !s.ok()) {
    return s;
  }
  if (counters_changed) {
    if (Status s = RefreshStatusCounts(); !s.ok()) return s;
  }
  {
    std::lock_guard lock(mu_);
    position_ = checkpoint;
  }
  ++steps_;
  advanced_.notify_all();
  return Status::OK();
}

Status ProjectionRunner::AwaitCommit() {
  if (committing_.joinable()) committing_.join();
  return background_status_;
}

Status ProjectionRunner::Step(EventSource& source, std::chrono::milliseconds wait,
                              size_t min_events, Commits commits) {
  ModelWriter model(store_, model_prefix_, &counters_, [this] { (void)AwaitCommit(); });
  uint64_t checkpoint = folded_;
  size_t folded = 0;
  for (;;) {
    auto events = wait.count() > 0 && folded == 0 ? source.WaitNext(kChunkEvents, wait)
                                                  : source.Next(kChunkEvents);
    if (!events.ok()) return events.status();
    // Everything matching before next_position() has been handed out, so it is the checkpoint
    // even when the events in between belong to other streams.
    checkpoint = source.next_position() - 1;
    if (Status s = Fold(*events, model); !s.ok()) return s;
    const size_t chunk = events->size();
    folded += chunk;
    source.Recycle(std::move(events).value());
    if (chunk == 0 || folded >= min_events || model.pending_writes() >= kMaxStepWrites ||
        stopping_.load()) {
      break;
    }
  }
  if (folded == 0 && checkpoint == folded_) return Status::OK();
  return Commit(model, checkpoint, commits);
}

Status ProjectionRunner::CatchUp(EventSource& source, uint64_t until,
                                 const std::function<void(uint64_t)>& progress, Commits commits) {
  until = std::min(until, store_->LastPosition());
  commit_in_background_ = commits == Commits::kIngested;
  Status s;
  while (s.ok() && folded_ < until) {
    const uint64_t before = folded_;
    s = Step(source, std::chrono::milliseconds(0), kCatchUpStepEvents, commits);
    if (s.ok() && progress) progress(position_.load());
    if (s.ok() && folded_ == before) {
      // Nothing more to read although `until` was durable: the log is shorter than it said.
      s = Status::Corruption("the log ends at " + std::to_string(before) + ", before " +
                             std::to_string(until));
    }
  }
  if (Status committed = AwaitCommit(); s.ok()) s = committed;
  commit_in_background_ = false;
  if (!s.ok()) {
    Fail(s);
    return s;
  }
  if (progress) progress(position_.load());
  return Status::OK();
}

void ProjectionRunner::Start(std::function<void()> on_caught_up, Commits catch_up) {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, cb = std::move(on_caught_up), catch_up]() mutable {
    pthread_setname_np(pthread_self(), "sb-projection");
    Run(std::move(cb), catch_up);
  });
}

void ProjectionRunner::Run(std::function<void()> on_caught_up, Commits catch_up) {
  SubscriptionSource source(store_->Subscribe(position_.load() + 1, projection_->filter()));
  bool caught_up = false;
  Status s;
  while (s.ok() && !stopping_.load()) {
    // Far behind (after a restart, or an online rebuild): large steps, as CatchUp takes them
    // (ingested ones committed in the background); then a chunk per step as events arrive.
    const bool behind = !caught_up && folded_ < store_->LastPosition();
    commit_in_background_ = behind && catch_up == Commits::kIngested;
    s = behind ? Step(source, std::chrono::milliseconds(0), kCatchUpStepEvents, catch_up)
               : Step(source, kLiveWait, 0, Commits::kAtomic);
    if (s.ok() && !caught_up && folded_ >= store_->LastPosition()) {
      s = AwaitCommit();  // caught up once the model holds it, not when it is folded
      if (s.ok()) {
        caught_up = true;
        if (on_caught_up) on_caught_up();
      }
    }
  }
  if (Status committed = AwaitCommit(); s.ok()) s = committed;
  commit_in_background_ = false;
  if (!s.ok() && !stopping_.load()) Fail(s);
}

void ProjectionRunner::Stop() {
  stopping_ = true;
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void ProjectionRunner::Fail(Status status) {
  {
    std::lock_guard lock(mu_);
    if (status_.ok()) status_ = std::move(status);
  }
  advanced_.notify_all();
}

Status ProjectionRunner::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

bool ProjectionRunner::WaitFor(uint64_t target, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  advanced_.wait_for(lock, timeout, [&] { return position_.load() >= target || !status_.ok(); });
  return position_.load() >= target;
}

}  // namespace sb::projections
