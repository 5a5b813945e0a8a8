#include "projections/shared_scan.h"

#include <pthread.h>
#include <algorithm>
#include <utility>

namespace sb::projections {
namespace {

// Positions read per pass of the scan, and chunks a consumer may have waiting: together they
// bound what the scan holds in memory to a few passes per consumer.
constexpr size_t kPositionsPerPass = 16384;
constexpr size_t kMaxQueuedChunks = 4;
// Folded chunks kept per consumer for the scan to decode into again: their events' strings
// keep their capacity, so a pass allocates almost nothing (the raw read allocates nothing).
constexpr size_t kMaxSpareChunks = 2;

}  // namespace

class SharedScan::Consumer : public EventSource {
 public:
  Consumer(SharedScan* scan, es::StreamFilter filter, uint64_t after)
      : scan_(scan), filter_(std::move(filter)), after_(after), next_position_(after + 1) {}

  bool Wants(uint64_t position, std::string_view stream) const {
    return position > after_ && filter_.Matches(stream);
  }

  Result<std::vector<es::RecordedEvent>> Next(size_t max) override {
    std::unique_lock lock(scan_->mu_);
    // A pass with nothing for this consumer still moves its checkpoint on; an empty answer
    // means the end of the scan.
    scan_->changed_.wait(lock, [&] {
      while (!queue_.empty() && queue_.front().events.empty()) {
        next_position_ = queue_.front().next_position;
        queue_.pop_front();
        scan_->changed_.notify_all();
      }
      return !queue_.empty() || ended_;
    });
    if (queue_.empty()) {
      if (!status_.ok()) return status_;
      return std::vector<es::RecordedEvent>();  // the scan reached its end
    }
    Chunk& front = queue_.front();
    std::vector<es::RecordedEvent> out;
    if (front.events.size() <= max) {
      out = std::move(front.events);
      next_position_ = front.next_position;
      queue_.pop_front();
    } else {
      // Only part of the chunk: the checkpoint can then go no further than what was handed out.
      out.assign(std::make_move_iterator(front.events.begin()),
                 std::make_move_iterator(front.events.begin() + max));
      front.events.erase(front.events.begin(), front.events.begin() + max);
      next_position_ = out.back().position + 1;
    }
    scan_->changed_.notify_all();
    return out;
  }

  // Everything the scan reads is already in the log: waiting means waiting for the scan.
  Result<std::vector<es::RecordedEvent>> WaitNext(size_t max, std::chrono::milliseconds) override {
    return Next(max);
  }

  uint64_t next_position() const override {
    std::lock_guard lock(scan_->mu_);
    return next_position_;
  }

  void Recycle(std::vector<es::RecordedEvent> events) override {
    std::lock_guard lock(scan_->mu_);
    if (spare_.size() < kMaxSpareChunks) spare_.push_back(std::move(events));
  }

 private:
  friend class SharedScan;
  struct Chunk {
    std::vector<es::RecordedEvent> events;
    uint64_t next_position;
  };

  SharedScan* const scan_;
  const es::StreamFilter filter_;
  const uint64_t after_;
  // Guarded by the scan's mutex.
  uint64_t next_position_;
  std::deque<Chunk> queue_;
  std::vector<std::vector<es::RecordedEvent>> spare_;
  bool ended_ = false;
  bool released_ = false;
  Status status_;
};

SharedScan::SharedScan(const es::EventStore* store, uint64_t until)
    : store_(store), until_(until) {}

SharedScan::~SharedScan() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

EventSource* SharedScan::AddConsumer(es::StreamFilter filter, uint64_t after) {
  consumers_.push_back(std::make_unique<Consumer>(this, std::move(filter), after));
  return consumers_.back().get();
}

void SharedScan::Release(EventSource* consumer) {
  {
    std::lock_guard lock(mu_);
    for (auto& c : consumers_) {
      if (c.get() != consumer) continue;
      c->released_ = true;
      c->queue_.clear();
    }
  }
  changed_.notify_all();
}

void SharedScan::Start() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sb-scan");
    Run();
  });
}

void SharedScan::Run() {
  uint64_t first = until_ + 1;
  for (const auto& c : consumers_) first = std::min(first, c->after_ + 1);
  uint64_t next = first;
  std::vector<std::vector<es::RecordedEvent>> chunks(consumers_.size());
  std::vector<size_t> used(consumers_.size());  // events of chunks[i] filled in this pass
  std::vector<size_t> last_sizes(consumers_.size(), 0);
  std::vector<size_t> wanting;  // the consumers that want the record being read
  // The next event of consumer i's chunk, reusing one left in a recycled chunk.
  auto slot = [&](size_t i) -> es::RecordedEvent& {
    if (used[i] == chunks[i].size()) chunks[i].emplace_back();
    return chunks[i][used[i]++];
  };
  while (next <= until_) {
    {
      std::lock_guard lock(mu_);
      for (size_t i = 0; i < chunks.size(); ++i) {
        auto& spare = consumers_[i]->spare_;
        if (!spare.empty()) {
          chunks[i] = std::move(spare.back());
          spare.pop_back();
        } else {
          chunks[i].reserve(last_sizes[i] + last_sizes[i] / 4);
        }
        used[i] = 0;
      }
    }
    // Each record is decoded once, straight into the chunk of the first consumer that wants
    // it, and copied only for any other; records nobody wants are not decoded at all.
    auto scanned = store_->ScanInto(
        next, std::min(until_, next + kPositionsPerPass - 1), kPositionsPerPass,
        [&](uint64_t position, std::string_view stream) -> es::RecordedEvent* {
          wanting.clear();
          for (size_t i = 0; i < consumers_.size(); ++i) {
            if (consumers_[i]->Wants(position, stream)) wanting.push_back(i);
          }
          return wanting.empty() ? nullptr : &slot(wanting.front());
        },
        [&](const es::RecordedEvent& e) {
          for (size_t k = 1; k < wanting.size(); ++k) slot(wanting[k]) = e;
        });
    if (!scanned.ok()) return Finish(scanned.status());
    if (*scanned == next) break;  // the log ends before `until`: consumers see no more events
    next = *scanned;
    for (size_t i = 0; i < consumers_.size(); ++i) {
      chunks[i].resize(used[i]);
      last_sizes[i] = used[i];
      if (!Deliver(i, std::exchange(chunks[i], {}), next)) return;
    }
  }
  Finish(Status::OK());
}

bool SharedScan::Deliver(size_t i, std::vector<es::RecordedEvent> chunk, uint64_t next_position) {
  Consumer& c = *consumers_[i];
  std::unique_lock lock(mu_);
  changed_.wait(lock,
                [&] { return stopping_ || c.released_ || c.queue_.size() < kMaxQueuedChunks; });
  if (stopping_) return false;
  if (c.released_) return true;
  c.queue_.push_back(Consumer::Chunk{std::move(chunk), next_position});
  changed_.notify_all();
  return true;
}

void SharedScan::Finish(const Status& status) {
  {
    std::lock_guard lock(mu_);
    for (auto& c : consumers_) {
      c->ended_ = true;
      c->status_ = status;
    }
  }
  changed_.notify_all();
}

}  // namespace sb::projections
