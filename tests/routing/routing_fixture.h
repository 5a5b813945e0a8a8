// Test support for the routing tests: candidate and task builders and a configured queue.
#ifndef SWITCHBOARD_TESTS_ROUTING_ROUTING_FIXTURE_H_
#define SWITCHBOARD_TESTS_ROUTING_ROUTING_FIXTURE_H_

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "domain/routing/queue_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {

// The queue's lookups, kept by Evolve event by event, must equal those Reindex rebuilds from
// its tasks and offers (found by the harness through argument-dependent lookup).
inline void CheckDerivedLookups(const QueueState& rebuilt, const QueueState& kept) {
  CHECK(rebuilt.task_keys == kept.task_keys);
  CHECK(rebuilt.waiting == kept.waiting);
  CHECK(rebuilt.offer_ids == kept.offer_ids);
  CHECK(rebuilt.ringing == kept.ringing);
  CHECK(rebuilt.offer_deadlines == kept.offer_deadlines);
}

}  // namespace sb::domain

namespace sb::domain::testing {

using QueueHarness = Harness<QueueDecider>;

// An online, free agent with the "sales" skill, idle since kT0 - `idle_for_seconds`.
inline RoutingCandidate Agent(std::string id, int64_t idle_for_seconds = 60) {
  RoutingCandidate c;
  c.agent_id = std::move(id);
  c.status = AgentStatus::kOnline;
  c.skills = {{"sales", 5}};
  c.idle_since = kT0 - Seconds(idle_for_seconds);
  return c;
}

inline QueueConfig SalesQueue(RoutingStrategy strategy = RoutingStrategy::kLongestIdle) {
  QueueConfig q;
  q.name = "Sales";
  q.required_skills = {"sales"};
  q.strategy = strategy;
  return q;
}

inline EnqueueTask Call(std::string task_id, int priority = 0) {
  EnqueueTask t;
  t.call_id = "call-" + task_id;
  t.task_id = std::move(task_id);
  t.kind = TaskKind::kCall;
  t.caller_number = "+15550100";
  t.customer_name = "John Doe";
  t.priority = priority;
  return t;
}

// A harness holding a configured queue.
inline QueueHarness QueueWith(const QueueConfig& config = SalesQueue()) {
  QueueHarness h;
  h.Accept(ConfigureQueue{config});
  return h;
}

// The ids of tasks waiting (not offered), in routing order.
inline std::vector<std::string> WaitingIds(const QueueState& s) {
  std::vector<std::string> ids;
  for (const QueueTask& t : WaitingTasks(s)) ids.push_back(t.task_id);
  return ids;
}

// Runs an accepted command that must produce exactly one event of type E and returns it.
template <class E>
E Only(QueueHarness& h, const QueueCommand& command) {
  auto d = h.Run(command);
  INFO(QueueHarness::Describe(d));
  REQUIRE_FALSE(IsRejected(d));
  REQUIRE(EventsOf(d).size() == 1);
  REQUIRE(std::holds_alternative<E>(EventsOf(d)[0]));
  return std::get<E>(EventsOf(d)[0]);
}

using Ids = std::vector<std::string>;

}  // namespace sb::domain::testing

#endif  // SWITCHBOARD_TESTS_ROUTING_ROUTING_FIXTURE_H_
