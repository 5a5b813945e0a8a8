// Router: drives the routing engine (domain/routing/) from the log. It folds every tenant's
// agents and queues (routing_roster.h) and, whenever something changes who could take what,
// asks the queue to offer its next task to the agents that are logged in: queued work is
// offered the moment an agent becomes available, never by a periodic sweep. The queue entity
// decides (and records who was eligible, who was skipped and why); the router only asks.
//
// It also issues the follow-ups of routing events, each idempotent at its entity and
// reissued after a restart until the log shows it done:
//   TaskAssigned (a call)    reserve the agent for the call, then assign the call to the agent;
//                            an agent that cannot be reserved puts the task back (RequeueTask)
//   an agent who is no longer available while an offer rings at them: WithdrawAgentOffers
//   TaskMovedToFallback      enqueue the task in the fallback queue
//   the caller hangs up while waiting: CancelTask; an assigned queue call ends: the agent is
//   released with the queue's wrap-up
//   max_no_answer offers missed in a row: the agent goes to break, with the reason
//
// A tenant with many logged-in agents (more than 48) is offered to over a shortlist: the
// best-ranked eligible agents by the queue's strategy and a sample of those skipped, so one
// decision and its record stay small; the queue still decides.
//
// Up to 32 offers in flight per queue, decided by the queue in order (one batch, one write);
// queues route in parallel. An agent may be
// offered tasks of two queues at once while the router's view lags by an event: accepting both
// is decided by the agent entity, which reserves one call and refuses the other (requeued).
//
// Startup folds the whole log (as the provider directory does); a checkpointed roster is a
// later optimisation. Thread-safe queries for the API.
#ifndef SWITCHBOARD_ACTORS_ROUTER_H_
#define SWITCHBOARD_ACTORS_ROUTER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "actors/routing_roster.h"
#include "actors/runtime.h"
#include "domain/result.h"
#include "eventstore/event_store.h"

namespace sb::actors {

// A queue as the API shows it.
struct QueueView {
  std::string id;
  domain::QueueState state;
  uint64_t version = 0;
  int agents_eligible = 0;   // logged in and with the queue's skills
  int agents_available = 0;  // of those, free to take a task now
};

class Router {
 public:
  // Folds the log so far, reissues interrupted follow-ups, then follows the log on a thread
  // of its own. `store` and `runtime` must outlive the router.
  static Result<std::unique_ptr<Router>> Start(es::EventStore* store, Runtime* runtime);
  ~Router();  // stops the thread; asks in flight complete on their own
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // `position` (when given) receives the last log position the answer reflects.
  std::vector<QueueView> Queues(const std::string& tenant, uint64_t* position = nullptr) const;
  std::optional<QueueView> Queue(const std::string& tenant, const std::string& queue_id,
                                 uint64_t* position = nullptr) const;
  // Read-your-writes for the queue views: waits until the router has folded the log up to
  // `position`, at most `timeout`. False if it has not by then. Blocks: not on an I/O thread.
  bool WaitFolded(uint64_t position, std::chrono::milliseconds timeout) const;
  uint64_t FoldedPosition() const;

  // The candidates an offer of `task` (about to be enqueued in the queue) would be decided
  // over now, for routing it on arrival (domain::EnqueueTask::offer): the tenant's agents, or
  // for a large tenant the shortlist Kick would make. nullopt if the queue is not known here.
  std::optional<std::vector<domain::RoutingCandidate>> ShortlistFor(const std::string& tenant,
                                                                    const std::string& queue_id,
                                                                    const domain::QueueTask& task);

  // Offer ids name their queue: "<queue id>.<uuid>".
  static std::string NewOfferId(const std::string& queue_id);
  static std::optional<std::string> QueueOfOffer(const std::string& offer_id);

 private:
  using QueueKey = std::pair<std::string, std::string>;  // tenant, queue id
  struct OfferDone {
    QueueKey queue;
    std::string task_id;
    bool offered = false;
  };
  struct Flight {  // a queue's offers in flight
    size_t count = 0;
    std::set<std::string> tasks;  // those that named their task
  };

  Router(es::EventStore* store, Runtime* runtime);
  void Run();
  void Fold(const std::vector<es::RecordedEvent>& events, std::set<QueueKey>* dirty,
            std::vector<FollowUp>* follow_ups);
  void Kick(const QueueKey& queue);
  // Withdraws the offers ringing at agents (all of the tenant's, or only `agents`) who can no
  // longer take them. Called with roster_mu_ held.
  void TakeBackOffers(const std::string& tenant, const std::set<std::string>* agents);
  void Issue(const FollowUp& follow_up);
  QueueView ViewOf(const std::string& tenant, const std::string& id, const RosterQueue& q) const;

  es::EventStore* store_;
  Runtime* runtime_;
  std::shared_ptr<es::Subscription> feed_;

  mutable std::mutex roster_mu_;  // the roster: written by the router thread, read by the API
  mutable RoutingRoster roster_;  // its candidate cache is refreshed by readers too
  uint64_t folded_ = 0;           // the last log position the roster reflects
  mutable std::condition_variable folded_cv_;

  // Router thread only.
  std::map<QueueKey, Flight> offering_;
  std::set<std::pair<std::string, std::string>> withdrawn_;  // (offer id, agent) already asked
  std::mt19937_64 random_;

  // What wakes the thread. Shared with the log's notifications and the asks' answers, which
  // may come after the router is gone.
  struct Wake {
    std::mutex mu;
    std::condition_variable cv;
    bool log_ready = false;
    bool stopping = false;
    std::deque<OfferDone> done;
  };
  std::shared_ptr<Wake> wake_ = std::make_shared<Wake>();
  std::thread thread_;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ROUTER_H_
