#include "actors/actor_timers.h"

#include <pthread.h>
#include <algorithm>
#include <utility>

namespace sb::actors {

ActorTimers::ActorTimers(std::chrono::milliseconds ask_timeout) : ask_timeout_(ask_timeout) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sb-timers");
    Run();
  });
}

ActorTimers::~ActorTimers() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void ActorTimers::Send(const caf::strong_actor_ptr& receiver,
                       std::chrono::steady_clock::duration delay, caf::message message) {
  Add(Timer{std::chrono::steady_clock::now() + delay, 0, caf::weak_actor_ptr(receiver.get()),
            caf::make_message_id(), std::move(message), nullptr});
}

void ActorTimers::WatchAsk(const caf::strong_actor_ptr& requester, caf::message_id response,
                           std::shared_ptr<const std::atomic<bool>> answered) {
  Add(Timer{std::chrono::steady_clock::now() + ask_timeout_, 0,
            caf::weak_actor_ptr(requester.get()), response, caf::message(), std::move(answered)});
}

void ActorTimers::Add(Timer timer) {
  bool earliest;
  {
    std::lock_guard lock(mu_);
    timer.sequence = next_sequence_++;
    earliest = heap_.empty() || timer.due < heap_.front().due;
    heap_.push_back(std::move(timer));
    std::push_heap(heap_.begin(), heap_.end(), Later());
  }
  if (earliest) cv_.notify_one();  // the thread sleeps until the old earliest: too late now
}

void ActorTimers::Run() {
  std::vector<Timer> due;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (heap_.empty()) {
      cv_.wait(lock);
      continue;
    }
    const auto now = std::chrono::steady_clock::now();
    if (const auto next = heap_.front().due; next > now) {
      cv_.wait_until(lock, next);  // a copy: the heap may grow (and move) while we wait
      continue;
    }
    while (!heap_.empty() && heap_.front().due <= now) {
      std::pop_heap(heap_.begin(), heap_.end(), Later());
      due.push_back(std::move(heap_.back()));
      heap_.pop_back();
    }
    lock.unlock();
    for (auto& timer : due) Fire(timer);
    due.clear();  // releases the references outside the lock too
    lock.lock();
  }
}

void ActorTimers::Fire(Timer& timer) {
  if (timer.answered && timer.answered->load(std::memory_order_acquire)) return;
  auto receiver = timer.receiver.lock();
  if (!receiver) return;
  if (timer.answered) timer.message = caf::make_message(caf::make_error(caf::sec::request_timeout));
  receiver->enqueue(nullptr, timer.id, std::move(timer.message), nullptr);
}

}  // namespace sb::actors
