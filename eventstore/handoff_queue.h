// HandoffQueue: hands items from one thread to another, in order; the taker takes all that is
// queued at once. Internal to eventstore/.
#ifndef SWITCHBOARD_EVENTSTORE_HANDOFF_QUEUE_H_
#define SWITCHBOARD_EVENTSTORE_HANDOFF_QUEUE_H_

#include <condition_variable>
#include <mutex>
#include <vector>

namespace sb::es {

template <typename T>
class HandoffQueue {
 public:
  void Push(T item) {
    bool wake;
    {
      std::lock_guard lock(mu_);
      wake = items_.empty();
      items_.push_back(std::move(item));
    }
    if (wake) cv_.notify_one();
  }

  // Waits until something is queued, then moves all of it into `out` (cleared first). Returns
  // false once the queue is closed and empty. The taker counts as busy until it calls again.
  bool TakeAll(std::vector<T>* out) {
    out->clear();
    std::unique_lock lock(mu_);
    busy_ = false;
    cv_.wait(lock, [&] { return closed_ || !items_.empty(); });
    out->swap(items_);
    busy_ = !out->empty();
    return busy_;
  }

  // Nothing is queued and the taker is waiting for more. Stays true until the next Push, so a
  // single pusher may do the taker's work itself instead, in order.
  bool Idle() {
    std::lock_guard lock(mu_);
    return !busy_ && items_.empty();
  }

  // Something was pushed that the taker has not taken yet.
  bool HasQueued() {
    std::lock_guard lock(mu_);
    return !items_.empty();
  }

  // Wakes the taker; what is still queued is taken before TakeAll returns false.
  void Close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<T> items_;
  bool closed_ = false;
  bool busy_ = false;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_HANDOFF_QUEUE_H_
