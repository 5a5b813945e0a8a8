#include "eventstore/subscription.h"

#include "eventstore/store_core.h"

namespace sb::es {

Subscription::Subscription(std::shared_ptr<StoreCore> core, uint64_t from_position,
                           StreamFilter filter, size_t buffer_capacity,
                           std::function<void()> on_available)
    : core_(std::move(core)),
      filter_(std::move(filter)),
      capacity_(std::max<size_t>(buffer_capacity, 1)),
      next_(std::max<uint64_t>(from_position, 1)),
      on_available_(std::move(on_available)) {}

Subscription::~Subscription() { Close(); }

void Subscription::Close() {
  std::lock_guard lock(notify_mu_);
  on_available_ = nullptr;
}

uint64_t Subscription::next_position() const {
  std::lock_guard lock(mu_);
  return next_;
}

uint64_t Subscription::overflows() const {
  std::lock_guard lock(mu_);
  return overflows_;
}

void Subscription::Publish(uint64_t first, uint64_t last, const std::vector<RecordedEvent>& batch) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (last < next_) return;  // the reader is already past this batch (it read it from disk)
    size_t matching = 0;
    for (const auto& e : batch) matching += filter_.Matches(e.stream) ? 1 : 0;
    if (covered_ && covered_to_ + 1 != first) covered_ = false;  // defensive: batches are ordered
    if (buffer_.size() + matching > capacity_) {
      // The reader is too slow: drop the buffer, let it read from disk, and start covering
      // again from the next batch.
      buffer_.clear();
      covered_ = false;
      ++overflows_;
      wake = true;
    } else {
      if (!covered_) {
        covered_ = true;
        covered_from_ = first;
      }
      for (const auto& e : batch) {
        if (e.position >= next_ && filter_.Matches(e.stream)) buffer_.push_back(e);
      }
      covered_to_ = last;
      wake = matching > 0;
    }
  }
  if (!wake) return;
  cv_.notify_all();
  std::lock_guard lock(notify_mu_);
  if (on_available_) on_available_();
}

bool Subscription::TakeFromBufferLocked(size_t max, std::vector<RecordedEvent>* out) {
  while (!buffer_.empty() && buffer_.front().position < next_) buffer_.pop_front();
  if (!covered_ || covered_from_ > next_) return false;
  while (!buffer_.empty() && out->size() < max) {
    out->push_back(std::move(buffer_.front()));
    buffer_.pop_front();
    next_ = out->back().position + 1;
  }
  // Everything the buffer covers has been handed out: the reader is caught up to covered_to_.
  if (buffer_.empty()) next_ = std::max(next_, covered_to_ + 1);
  return true;
}

Result<std::vector<RecordedEvent>> Subscription::Next(size_t max) {
  std::vector<RecordedEvent> out;
  if (max == 0) return out;
  uint64_t from, until;
  {
    std::lock_guard lock(mu_);
    if (TakeFromBufferLocked(max, &out)) return out;
    from = next_;
    until = covered_ ? covered_from_ - 1 : UINT64_MAX;
  }
  // Behind the buffer (or it overflowed): read from disk, without holding the lock, up to where
  // the buffer's coverage starts.
  auto slice = core_->ReadAll(from, max, filter_, until);
  if (!slice.ok()) return slice.status();
  std::lock_guard lock(mu_);
  next_ = std::max(next_, slice->next_position);
  return std::move(slice->events);
}

Result<std::vector<RecordedEvent>> Subscription::WaitNext(size_t max,
                                                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto events = Next(max);
    if (!events.ok() || !events->empty()) return events;
    std::unique_lock lock(mu_);
    // The writer publishes after advancing last_position, so this wakes for every new batch.
    const bool ready =
        cv_.wait_until(lock, deadline, [&] { return core_->last_position.load() >= next_; });
    if (!ready) return std::vector<RecordedEvent>{};
  }
}

}  // namespace sb::es
