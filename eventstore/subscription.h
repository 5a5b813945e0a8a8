// Subscription: a reader of $all that catches up from disk and then follows live appends.
//
// The writer hands every durable batch to each subscription's bounded buffer; the reader takes
// from the buffer once it has caught up, and from disk before that or whenever the buffer
// overflowed (a slow reader never holds up writers). The buffer remembers the first position it
// covers, so the switch-over between disk and buffer has no gap and no duplicate.
#ifndef SWITCHBOARD_EVENTSTORE_SUBSCRIPTION_H_
#define SWITCHBOARD_EVENTSTORE_SUBSCRIPTION_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/result.h"
#include "eventstore/event.h"
#include "eventstore/stream_filter.h"

namespace sb::es {

class StoreCore;

class Subscription {
 public:
  Subscription(std::shared_ptr<StoreCore> core, uint64_t from_position, StreamFilter filter,
               size_t buffer_capacity, std::function<void()> on_available);
  ~Subscription();
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // Up to `max` events after the last one returned, in position order; empty when nothing is
  // new. Never waits. Unavailable once the store is closed. One reader thread at a time.
  Result<std::vector<RecordedEvent>> Next(size_t max);
  // Like Next, but waits up to `timeout` for at least one event.
  Result<std::vector<RecordedEvent>> WaitNext(size_t max, std::chrono::milliseconds timeout);

  // The position the next read starts at.
  uint64_t next_position() const;
  // How many times the live buffer overflowed and the reader fell back to disk.
  uint64_t overflows() const;

  // Stops notifications: once Close returns, on_available is not called again.
  void Close();

  // Called by the writer after the batch [first, last] became durable. Never blocks on the
  // reader beyond a short critical section.
  void Publish(uint64_t first, uint64_t last, const std::vector<RecordedEvent>& batch);

 private:
  bool TakeFromBufferLocked(size_t max, std::vector<RecordedEvent>* out);

  const std::shared_ptr<StoreCore> core_;
  const StreamFilter filter_;
  const size_t capacity_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 1;
  std::deque<RecordedEvent> buffer_;
  bool covered_ = false;  // buffer_ holds every matching event in [covered_from_, covered_to_]
  uint64_t covered_from_ = 0;
  uint64_t covered_to_ = 0;
  uint64_t overflows_ = 0;

  std::mutex notify_mu_;
  std::function<void()> on_available_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_SUBSCRIPTION_H_
