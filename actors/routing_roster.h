// RoutingRoster: what the router knows, folded from the log: every tenant's agents (state and
// today's work) and queues (state), plus the follow-ups routing events call for that have not
// been seen done yet. No threads and no I/O; the router (router.h) owns one and feeds it.
//
// Follow-ups are kept until the log shows their effect, so that a restart, which folds the
// log again, finds the ones a crash interrupted and issues them again (every follow-up is
// idempotent at its entity).
#ifndef SWITCHBOARD_ACTORS_ROUTING_ROSTER_H_
#define SWITCHBOARD_ACTORS_ROUTING_ROSTER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "domain/agent_state.h"
#include "domain/routing/agent_selection.h"
#include "domain/routing/queue_state.h"
#include "eventstore/event.h"

namespace sb::actors {

struct RosterAgent {
  domain::AgentState state;
  int64_t day = 0;  // UTC day the counters below are for
  int64_t calls_today = 0;
  int64_t talk_seconds_today = 0;
  std::optional<domain::Timestamp> call_started_at;
  // Let max_no_answer offers in a row expire: on the way to break, offered nothing meanwhile.
  bool sent_to_break = false;
  // Calls assigned to the agent whose assignment is still under way (the agent not yet
  // reserved, or the assignment not yet given up): each holds the agent as an open offer does,
  // so that nobody offers it another task in between.
  std::set<std::string> assigning;
};

struct RosterQueue {
  domain::QueueState state;
  uint64_t version = 0;
};

// Follow-ups, keyed so that a later event can mark them done.
struct ReserveAssignedAgent {  // TaskAssigned(call): reserve the agent, then assign the call
  std::string tenant, queue_id, agent_id, offer_id;
  domain::QueueTask task;
};
struct MoveToFallback {  // TaskMovedToFallback: enqueue in the fallback queue
  std::string tenant, fallback_queue_id;
  domain::QueueTask task;
};
struct CancelEndedTask {  // the caller hung up while waiting
  std::string tenant, queue_id, task_id;
};
struct ReleaseQueueCall {  // an assigned queue call ended: release its agent with wrap-up
  std::string tenant, agent_id, call_id;
  int64_t wrap_up_seconds = 0;
};
struct SendAgentToBreak {  // the agent let max_no_answer offers in a row expire
  std::string tenant, agent_id;
  int misses = 0;
};
using FollowUp = std::variant<ReserveAssignedAgent, MoveToFallback, CancelEndedTask,
                              ReleaseQueueCall, SendAgentToBreak>;

struct TenantRoster {
  std::map<std::string, RosterAgent> agents;
  std::map<std::string, RosterQueue> queues;
};

class RoutingRoster {
 public:
  // Folds one event. Returns the queues (tenant, id) that may now route a task, and adds the
  // follow-ups it calls for to `follow_ups`.
  void Apply(const es::RecordedEvent& event, std::set<std::pair<std::string, std::string>>* dirty,
             std::vector<FollowUp>* follow_ups);

  // The agents, by tenant, whose state changed since the last call: the only ones whose
  // ringing offers may have to be taken back.
  std::map<std::string, std::set<std::string>> TakeChangedAgents() {
    return std::exchange(changed_agents_, {});
  }

  // Every follow-up not yet seen done (after a restart: the ones to issue again).
  std::vector<FollowUp> Pending() const;

  const TenantRoster* Tenant(const std::string& tenant) const;
  const RosterQueue* Queue(const std::string& tenant, const std::string& queue_id) const;
  std::vector<std::string> Tenants() const;

  // The tenant's agents as routing candidates: every agent that is logged in (not offline,
  // and not on the way to break), with has_open_offer set from all of the tenant's queues
  // (an offer ringing, or an accepted one whose assignment is under way).
  // Kept up to date entry by entry as agent and queue events are folded, since a large tenant
  // asks for it on every offer and its agents change all the time: a rebuild per change would
  // cost a pass over thousands of agents. Valid until the next Apply.
  struct CandidatePool {
    std::vector<domain::RoutingCandidate> all;      // in no particular order
    std::vector<const RosterAgent*> agents;         // of `all`, position by position
    std::unordered_map<std::string, size_t> index;  // agent id -> position in `all`
    int64_t day = -1;                               // the UTC day of the counters in `all`
    // Those free to take work (a status that can, no call, no open offer; a wrap-up may
    // still hold them), by idle_since and then agent id: the longest-idle ranking, kept as
    // agents and offers change, so that a shortlist walks the free agents from the top
    // instead of ranking the whole roster.
    std::set<std::pair<domain::Timestamp, std::string>> free_by_idle;
  };
  const CandidatePool& Candidates(const std::string& tenant, domain::Timestamp now);

  // For a queue that ranks by idle time (longest_idle, ring_all): the first `eligible` agents
  // SelectAgents would rank for `task` at `now`, in that order, followed by up to `skipped`
  // agents it would skip (some met on the way, the rest from the front of `all`), each once.
  // Costs a walk over the free agents down to the last one listed, not a pass over the pool.
  static std::vector<domain::RoutingCandidate> IdleShortlist(const CandidatePool& pool,
                                                             const domain::QueueConfig& config,
                                                             const domain::QueueTask& task,
                                                             domain::Timestamp now, size_t eligible,
                                                             size_t skipped);

 private:
  void ApplyAgent(const std::string& tenant, const std::string& id, const es::RecordedEvent& e,
                  std::set<std::pair<std::string, std::string>>* dirty);
  void ApplyQueue(const std::string& tenant, const std::string& id, const es::RecordedEvent& e,
                  std::set<std::pair<std::string, std::string>>* dirty,
                  std::vector<FollowUp>* follow_ups);
  void ApplyCall(const std::string& tenant, const std::string& id, const es::RecordedEvent& e,
                 std::vector<FollowUp>* follow_ups);
  void Track(std::string key, FollowUp follow_up, std::vector<FollowUp>* follow_ups);
  // Brings the agent's entry in the tenant's pool in line with its state: added, updated in
  // place or removed.
  void UpdatePoolEntry(const std::string& tenant, const std::string& agent_id,
                       const RosterAgent& agent);
  // Sets the agent's has_open_offer in the tenant's pool from every queue's ringing and its
  // assignments under way.
  void UpdateOpenOffer(const std::string& tenant, const std::string& agent_id);
  bool IsHeld(const std::string& tenant, const std::string& agent_id);
  // Marks a follow-up done; an assignment's releases the agent it held.
  void Done(const std::string& key);

  std::map<std::string, TenantRoster> tenants_;
  std::map<std::string, CandidatePool> pools_;  // tenant -> candidates
  // Inbound queue calls: call stream -> (queue id, agent id once assigned).
  std::map<std::string, std::pair<std::string, std::string>> queue_calls_;
  std::map<std::string, FollowUp> pending_;
  std::map<std::string, std::set<std::string>> changed_agents_;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ROUTING_ROSTER_H_
