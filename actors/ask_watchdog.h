// AskWatchdog: the deadline of every ask an actor makes of an entity, kept off CAF's clock.
//
// CAF 0.17 hands each request timeout, and its cancellation when the answer comes, to its clock
// thread through a locked ring buffer that wakes the thread both times: with four to six asks
// per click-to-call, that thread and the lock were about a tenth of the actors' CPU. Every ask
// has the same timeout, so deadlines come in the order the asks were made: they wait in a
// queue whose thread is woken only when the queue was empty. An ask answered in time is
// dropped when its turn comes; one that was not gets, as its response, the error CAF's own
// timeout would have sent (sec::request_timeout). A real answer after that is dropped by CAF,
// as it would be after CAF's own timeout.
#ifndef SWITCHBOARD_ACTORS_ASK_WATCHDOG_H_
#define SWITCHBOARD_ACTORS_ASK_WATCHDOG_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include <caf/all.hpp>

namespace sb::actors {

class AskWatchdog {
 public:
  explicit AskWatchdog(std::chrono::milliseconds timeout);
  // Joins the thread. Asks still watched are not timed out: call it once their requesters are
  // gone (after the actor system has stopped its actors).
  ~AskWatchdog();
  AskWatchdog(const AskWatchdog&) = delete;
  AskWatchdog& operator=(const AskWatchdog&) = delete;

  // Times out the request whose response id is `response` unless `answered` is set first (by
  // the requester's response handler). Never blocks beyond a short lock; thread-safe.
  void Watch(const caf::strong_actor_ptr& requester, caf::message_id response,
             std::shared_ptr<const std::atomic<bool>> answered);

 private:
  struct Watched {
    std::chrono::steady_clock::time_point deadline;
    caf::weak_actor_ptr requester;  // a requester that has quit is not kept alive
    caf::message_id response;
    std::shared_ptr<const std::atomic<bool>> answered;
  };
  void Run();

  const std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Watched> watched_;  // in deadline order
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ASK_WATCHDOG_H_
