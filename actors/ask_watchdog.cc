#include "actors/ask_watchdog.h"

#include <pthread.h>
#include <utility>
#include <vector>

namespace sb::actors {

AskWatchdog::AskWatchdog(std::chrono::milliseconds timeout) : timeout_(timeout) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sb-asks");
    Run();
  });
}

AskWatchdog::~AskWatchdog() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void AskWatchdog::Watch(const caf::strong_actor_ptr& requester, caf::message_id response,
                        std::shared_ptr<const std::atomic<bool>> answered) {
  Watched w{std::chrono::steady_clock::now() + timeout_, caf::weak_actor_ptr(requester.get()),
            response, std::move(answered)};
  bool was_empty;
  {
    std::lock_guard lock(mu_);
    was_empty = watched_.empty();
    watched_.push_back(std::move(w));
  }
  if (was_empty) cv_.notify_one();
}

void AskWatchdog::Run() {
  std::vector<Watched> expired;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (watched_.empty()) {
      cv_.wait(lock);
      continue;
    }
    const auto now = std::chrono::steady_clock::now();
    if (watched_.front().deadline > now) {
      cv_.wait_until(lock, watched_.front().deadline);
      continue;
    }
    while (!watched_.empty() && watched_.front().deadline <= now) {
      expired.push_back(std::move(watched_.front()));
      watched_.pop_front();
    }
    lock.unlock();
    for (auto& w : expired) {
      if (w.answered->load(std::memory_order_acquire)) continue;
      if (auto requester = w.requester.lock()) {
        requester->enqueue(nullptr, w.response,
                           caf::make_message(caf::make_error(caf::sec::request_timeout)), nullptr);
      }
    }
    expired.clear();  // releases the weak references outside the lock too
    lock.lock();
  }
}

}  // namespace sb::actors
