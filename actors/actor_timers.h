// ActorTimers: the actors' timers (ask deadlines, entity deadlines, idle checks), kept off
// CAF's clock.
//
// CAF 0.17 hands every timer, and every cancellation of a request's timeout when its answer
// comes, to its clock thread through a locked ring buffer that wakes the thread each time: with
// four to six asks per click-to-call and a deadline and an idle check per new entity, that
// thread and its lock were about a sixth of the actors' CPU. Here a timer goes into a heap
// whose thread is woken only when the new timer is due before every other; nearly all are
// later (asks share one timeout, entities' ring and idle delays are seconds to minutes), so
// almost none wakes it. Nothing is cancelled: an answered ask is skipped when its turn comes,
// and the entities recognise stale timers themselves (by generation).
#ifndef SWITCHBOARD_ACTORS_ACTOR_TIMERS_H_
#define SWITCHBOARD_ACTORS_ACTOR_TIMERS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <caf/all.hpp>

namespace sb::actors {

class ActorTimers {
 public:
  explicit ActorTimers(std::chrono::milliseconds ask_timeout);
  // Joins the thread; timers not yet due never fire. Destroy it once the actors it would mail
  // are gone (after the actor system has stopped them).
  ~ActorTimers();
  ActorTimers(const ActorTimers&) = delete;
  ActorTimers& operator=(const ActorTimers&) = delete;

  // Sends `message` to `receiver` once `delay` has passed, unless it has quit by then.
  void Send(const caf::strong_actor_ptr& receiver, std::chrono::steady_clock::duration delay,
            caf::message message);

  // The timeout of a request made without one (AskFrom): once ask_timeout has passed, unless
  // `answered` was set first, the requester gets sec::request_timeout as the response with id
  // `response`, as CAF's own request timeout would deliver it. A real answer after that is
  // dropped by CAF, as after CAF's own timeout.
  void WatchAsk(const caf::strong_actor_ptr& requester, caf::message_id response,
                std::shared_ptr<const std::atomic<bool>> answered);

 private:
  struct Timer {
    std::chrono::steady_clock::time_point due;
    uint64_t sequence;             // equal dues fire in the order they were set
    caf::weak_actor_ptr receiver;  // a receiver that has quit is not kept alive
    caf::message_id id;            // an async message's, or the ask's response id
    caf::message message;          // empty for an ask: the error is made if it fires
    std::shared_ptr<const std::atomic<bool>> answered;  // asks only
  };
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.due != b.due ? a.due > b.due : a.sequence > b.sequence;
    }
  };
  void Add(Timer timer);
  void Run();
  static void Fire(Timer& timer);

  const std::chrono::milliseconds ask_timeout_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Timer> heap_;  // a min-heap by due (Later)
  uint64_t next_sequence_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ACTOR_TIMERS_H_
