// Queue decider: offers (reservations) — made, accepted once, rejected, expired, withdrawn,
// canceled — and the miss counting that sends absent agents to break.
#include <catch2/catch.hpp>

#include <set>

#include "tests/routing/routing_fixture.h"

namespace sb::domain {
namespace {

using testing::Agent;
using testing::Call;
using testing::Ids;
using testing::kT0;
using testing::Only;
using testing::QueueHarness;
using testing::QueueWith;
using testing::SalesQueue;
using testing::Types;
using testing::WaitingIds;
using Kind = Rejection::Kind;

// A queue with tasks t1, t2, t3 waiting (in that order).
QueueHarness ThreeWaiting(const QueueConfig& config = SalesQueue()) {
  QueueHarness h = QueueWith(config);
  for (const char* id : {"t1", "t2", "t3"}) {
    h.Accept(Call(id));
    h.now += Seconds(1);
  }
  h.now = kT0 + Seconds(10);
  return h;
}

TEST_CASE("offer: the event records the decision and the deadline", "[offer]") {
  QueueHarness h = ThreeWaiting();
  auto away = Agent("bob");
  away.status = AgentStatus::kAway;
  const auto e =
      Only<TaskOffered>(h, OfferTask{"o1", "", {Agent("alice", 10), away, Agent("carol", 90)}, 0});
  CHECK(e.offer_id == "o1");
  CHECK(e.task_id == "t1");  // the head of the queue
  CHECK(e.agent_ids == Ids{"carol"});
  CHECK(e.strategy == RoutingStrategy::kLongestIdle);
  CHECK(e.eligible == Ids{"carol", "alice"});
  CHECK(e.skipped == std::vector<SkippedAgent>{{"bob", SkipReason::kAway}});
  CHECK(e.deadline == kT0 + Seconds(10 + 20));

  REQUIRE(h.state.offers.size() == 1);
  CHECK(h.state.offers[0].agent_ids == Ids{"carol"});
  CHECK(FindTask(h.state, "t1")->offer_id == "o1");
  CHECK(WaitingIds(h.state) == Ids{"t2", "t3"});
  CHECK(LongestWait(h.state, h.now) == Seconds(10));  // an offered caller still waits
  CHECK(QueueDecider::DeadlineOf(h.state) == kT0 + Seconds(30));
}

TEST_CASE("offer: refusals", "[offer]") {
  QueueHarness h = ThreeWaiting();
  CHECK(h.Reject(OfferTask{"", "t1", {Agent("a")}, 0}, Kind::kInvalid, "offer_id_required").field ==
        "offer_id");
  h.Reject(OfferTask{"o1", "nope", {Agent("a")}, 0}, Kind::kNotFound, "task_not_found");
  auto offline = Agent("a");
  offline.status = AgentStatus::kOffline;
  const Rejection none =
      h.Reject(OfferTask{"o1", "t1", {offline}, 0}, Kind::kConflict, "no_eligible_agent");
  CHECK(none.message.find("offline") != std::string::npos);
  h.Reject(OfferTask{"o1", "t1", {}, 0}, Kind::kConflict, "no_eligible_agent");

  h.Accept(OfferTask{"o1", "t1", {Agent("a")}, 0});
  CHECK(h.Reject(OfferTask{"o2", "t1", {Agent("b")}, 0}, Kind::kConflict, "task_already_offered")
            .holder == "o1");
  CHECK(h.Accept(OfferTask{"o1", "t1", {Agent("b")}, 0}).empty());  // retry: no-op
  CHECK(h.Accept(OfferTask{"o1", "", {Agent("b")}, 0}).empty());
  CHECK(
      h.Reject(OfferTask{"o1", "t2", {Agent("b")}, 0}, Kind::kConflict, "offer_id_in_use").holder ==
      "t1");
  REQUIRE(h.state.offers.size() == 1);

  QueueHarness empty = QueueWith();
  empty.Reject(OfferTask{"o1", "", {Agent("a")}, 0}, Kind::kConflict, "no_waiting_task");
}

TEST_CASE("offer: an agent ringing for this queue is never offered a second task", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  // The caller's snapshot is stale (has_open_offer false); the queue knows better.
  const Rejection r =
      h.Reject(OfferTask{"o2", "t2", {Agent("alice")}, 0}, Kind::kConflict, "no_eligible_agent");
  CHECK(r.message.find("has_open_offer") != std::string::npos);
  const auto e = Only<TaskOffered>(h, OfferTask{"o2", "t2", {Agent("alice"), Agent("bob")}, 0});
  CHECK(e.agent_ids == Ids{"bob"});
  CHECK(e.skipped == std::vector<SkippedAgent>{{"alice", SkipReason::kHasOpenOffer}});
}

TEST_CASE("offer: routing the head skips a task nobody can serve (no head-of-line blocking)",
          "[offer]") {
  QueueHarness h = QueueWith();
  EnqueueTask rare = Call("rare", 5);
  rare.required_skills = std::set<std::string>{"klingon"};
  h.Accept(rare);
  h.Accept(Call("common"));
  REQUIRE(WaitingIds(h.state) == Ids{"rare", "common"});
  CHECK(Only<TaskOffered>(h, OfferTask{"o1", "", {Agent("alice")}, 0}).task_id == "common");
  const Rejection r =
      h.Reject(OfferTask{"o2", "", {Agent("bob")}, 0}, Kind::kConflict, "no_eligible_agent");
  CHECK(r.message.find("rare") != std::string::npos);  // explains the head
}

TEST_CASE("offer: round_robin advances the queue's cursor", "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRoundRobin));
  const std::vector<RoutingCandidate> team = {Agent("a"), Agent("b")};
  CHECK(Only<TaskOffered>(h, OfferTask{"o1", "", team, 0}).agent_ids == Ids{"a"});
  CHECK(h.state.round_robin_cursor == "a");
  h.Accept(AcceptOffer{"o1", "a"});
  CHECK(Only<TaskOffered>(h, OfferTask{"o2", "", team, 0}).agent_ids == Ids{"b"});
  h.Accept(AcceptOffer{"o2", "b"});
  CHECK(Only<TaskOffered>(h, OfferTask{"o3", "", team, 0}).agent_ids == Ids{"a"});
}

TEST_CASE("offer: random uses the command's value", "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRandom));
  CHECK(Only<TaskOffered>(h, OfferTask{"o1", "", {Agent("a"), Agent("b"), Agent("c")}, 7})
            .agent_ids == Ids{"b"});  // 7 % 3 = 1
}

TEST_CASE("offer: accept assigns the task; it leaves the queue", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  h.now += Seconds(5);
  const auto e = Only<TaskAssigned>(h, AcceptOffer{"o1", "alice"});
  CHECK(e.agent_id == "alice");
  CHECK(e.task.task_id == "t1");
  CHECK(e.task.call_id == "call-t1");  // what the actor layer bridges
  CHECK(e.task.offer_id.empty());
  CHECK(e.released_agent_ids.empty());
  CHECK(FindTask(h.state, "t1") == nullptr);
  CHECK(h.state.offers.empty());
  CHECK(WaitingIds(h.state) == Ids{"t2", "t3"});
  CHECK(h.Accept(AcceptOffer{"o1", "alice"}).empty());  // retry by the winner: no-op
}

TEST_CASE("offer: only the offered agent may accept", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  h.Reject(AcceptOffer{"o1", "mallory"}, Kind::kForbidden, "offer_not_yours");
  h.Reject(AcceptOffer{"o1", ""}, Kind::kForbidden, "offer_not_yours");
  h.Reject(AcceptOffer{"o9", "alice"}, Kind::kNotFound, "offer_not_found");
  h.Accept(AcceptOffer{"o1", "alice"});
  h.Reject(AcceptOffer{"o1", "mallory"}, Kind::kForbidden, "offer_not_yours");
}

TEST_CASE("offer: ring_all rings everyone and the first accept wins, decided once", "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRingAll));
  const auto offered = Only<TaskOffered>(
      h, OfferTask{"o1", "t1", {Agent("a", 10), Agent("b", 30), Agent("c", 5)}, 0});
  CHECK(offered.agent_ids == Ids{"b", "a", "c"});
  REQUIRE(h.state.offers.size() == 1);  // one offer, several agents

  const auto won = Only<TaskAssigned>(h, AcceptOffer{"o1", "a"});
  CHECK(won.agent_id == "a");
  CHECK(won.released_agent_ids == Ids{"b", "c"});
  const Rejection second = h.Reject(AcceptOffer{"o1", "b"}, Kind::kConflict, "offer_closed");
  CHECK(second.holder == "a");
  CHECK(h.Reject(AcceptOffer{"o1", "c"}, Kind::kConflict, "offer_closed").holder == "a");
  CHECK(h.Accept(AcceptOffer{"o1", "a"}).empty());
}

TEST_CASE("offer: under ring_all a reject drops one agent; the last one closes it", "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRingAll));
  h.Accept(OfferTask{"o1", "t1", {Agent("a"), Agent("b")}, 0});
  const auto first = Only<OfferRejected>(h, RejectOffer{"o1", "a", "busy with email"});
  CHECK_FALSE(first.offer_closed);
  CHECK(first.reason == "busy with email");
  REQUIRE(h.state.offers.size() == 1);
  CHECK(h.state.offers[0].Ringing() == Ids{"b"});
  CHECK(h.Accept(RejectOffer{"o1", "a", ""}).empty());                // twice: no-op
  h.Reject(AcceptOffer{"o1", "a"}, Kind::kConflict, "offer_closed");  // changed their mind: no

  // "a" no longer rings, so may be offered the next task meanwhile.
  CHECK(Only<TaskOffered>(h, OfferTask{"o2", "t2", {Agent("a"), Agent("b")}, 0}).agent_ids ==
        Ids{"a"});

  const auto last = Only<OfferRejected>(h, RejectOffer{"o1", "b", ""});
  CHECK(last.offer_closed);
  CHECK(last.reason == "rejected");
  CHECK(FindOffer(h.state, "o1") == nullptr);
  CHECK(WaitingIds(h.state) == Ids{"t1", "t3"});  // t1 back at the head
}

TEST_CASE("offer: reject puts the task back at its place", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o2", "t2", {Agent("alice")}, 0});
  CHECK(WaitingIds(h.state) == Ids{"t1", "t3"});
  CHECK(Only<OfferRejected>(h, RejectOffer{"o2", "alice", ""}).offer_closed);
  CHECK(WaitingIds(h.state) == Ids{"t1", "t2", "t3"});
  h.Reject(RejectOffer{"o2", "bob", ""}, Kind::kForbidden, "offer_not_yours");
  h.Reject(RejectOffer{"o7", "bob", ""}, Kind::kNotFound, "offer_not_found");
  CHECK(h.Accept(RejectOffer{"o2", "alice", ""}).empty());
  h.Reject(AcceptOffer{"o2", "alice"}, Kind::kConflict, "offer_closed");

  h.Accept(OfferTask{"o3", "t3", {Agent("alice")}, 0});
  h.Accept(AcceptOffer{"o3", "alice"});
  h.Reject(RejectOffer{"o3", "alice", ""}, Kind::kConflict, "offer_accepted");
}

TEST_CASE("offer: expiry takes the task back and counts the miss", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  const Timestamp deadline = kT0 + Seconds(30);
  REQUIRE(QueueDecider::DeadlineOf(h.state) == deadline);

  h.now = deadline - 1;
  CHECK(h.Accept(QueueDecider::ExpiryCommand(deadline)).empty());  // early: nothing due
  h.now = deadline;
  const auto e = Only<OfferExpired>(h, QueueDecider::ExpiryCommand(deadline));
  CHECK(e.offer_id == "o1");
  CHECK(e.task_id == "t1");
  CHECK(e.misses == std::vector<AgentMiss>{{"alice", 1, false}});
  CHECK(ConsecutiveMisses(h.state, "alice") == 1);
  CHECK(WaitingIds(h.state) == Ids{"t1", "t2", "t3"});
  CHECK(h.Accept(ExpireQueueDeadlines{deadline}).empty());  // duplicate timer
  CHECK_FALSE(QueueDecider::DeadlineOf(h.state).has_value());
}

TEST_CASE("offer: an accept after expiry is offer_expired, before or after the timer ran",
          "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  const Timestamp deadline = kT0 + Seconds(30);
  h.now = deadline - 1;
  QueueHarness just_in_time = h;
  CHECK(just_in_time.Accept(AcceptOffer{"o1", "alice"}) == Types{"TaskAssigned"});

  h.now = deadline;  // the timer has not fired yet: time still decides
  h.Reject(AcceptOffer{"o1", "alice"}, Kind::kConflict, "offer_expired");
  CHECK(h.Accept(RejectOffer{"o1", "alice", ""}).empty());  // too late to matter
  h.Accept(ExpireQueueDeadlines{deadline});
  h.now += Seconds(1);
  h.Reject(AcceptOffer{"o1", "alice"}, Kind::kConflict, "offer_expired");
}

TEST_CASE("offer: an expiry timer after the accept is stale", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  h.now = kT0 + Seconds(29);
  h.Accept(AcceptOffer{"o1", "alice"});
  h.now = kT0 + Seconds(30);
  CHECK(h.Accept(ExpireQueueDeadlines{kT0 + Seconds(30)}).empty());
  CHECK(ConsecutiveMisses(h.state, "alice") == 0);
  CHECK(FindTask(h.state, "t1") == nullptr);
}

TEST_CASE("offer: ring_all expiry counts a miss for each agent still ringing", "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRingAll));
  h.Accept(OfferTask{"o1", "t1", {Agent("a"), Agent("b"), Agent("c")}, 0});
  h.Accept(RejectOffer{"o1", "b", ""});
  h.now = kT0 + Seconds(30);
  const auto e = Only<OfferExpired>(h, ExpireQueueDeadlines{h.now});
  CHECK(e.misses == std::vector<AgentMiss>{{"a", 1, false}, {"c", 1, false}});
  CHECK(ConsecutiveMisses(h.state, "b") == 0);
}

TEST_CASE("offer: max_no_answer consecutive misses send the agent to break", "[offer]") {
  QueueHarness h = ThreeWaiting();  // max_no_answer 3
  auto miss = [&](const std::string& offer_id) {
    h.Accept(OfferTask{offer_id, "", {Agent("alice")}, 0});
    h.now += Seconds(20);
    return Only<OfferExpired>(h, ExpireQueueDeadlines{h.now}).misses.at(0);
  };
  CHECK(miss("o1") == AgentMiss{"alice", 1, false});
  CHECK(miss("o2") == AgentMiss{"alice", 2, false});
  CHECK(ConsecutiveMisses(h.state, "alice") == 2);

  // An accept resets the count.
  h.Accept(OfferTask{"o3", "", {Agent("alice")}, 0});
  h.Accept(AcceptOffer{"o3", "alice"});
  CHECK(ConsecutiveMisses(h.state, "alice") == 0);
  h.Accept(Call("t4"));
  CHECK(miss("o4") == AgentMiss{"alice", 1, false});
  // So does a reject (the agent is there to press the button).
  h.Accept(OfferTask{"o5", "", {Agent("alice")}, 0});
  h.Accept(RejectOffer{"o5", "alice", ""});
  CHECK(ConsecutiveMisses(h.state, "alice") == 0);
  // A withdrawal neither counts nor resets.
  CHECK(miss("o6") == AgentMiss{"alice", 1, false});
  h.Accept(OfferTask{"o7", "", {Agent("alice")}, 0});
  h.Accept(WithdrawAgentOffers{"alice", "went_offline"});
  CHECK(ConsecutiveMisses(h.state, "alice") == 1);

  CHECK(miss("o8") == AgentMiss{"alice", 2, false});
  CHECK(miss("o9") == AgentMiss{"alice", 3, true});  // -> break
  CHECK(ConsecutiveMisses(h.state, "alice") == 0);   // counting starts afresh after the break
  CHECK(miss("o10") == AgentMiss{"alice", 1, false});
}

TEST_CASE("offer: max_no_answer 0 never sends anyone to break", "[offer]") {
  QueueConfig q = SalesQueue();
  q.max_no_answer = 0;
  QueueHarness h = ThreeWaiting(q);
  for (int i = 1; i <= 5; ++i) {
    h.Accept(OfferTask{"o" + std::to_string(i), "", {Agent("alice")}, 0});
    h.now += Seconds(20);
    const AgentMiss m = Only<OfferExpired>(h, ExpireQueueDeadlines{h.now}).misses.at(0);
    CHECK(m.consecutive_misses == i);
    CHECK_FALSE(m.max_no_answer_reached);
  }
}

TEST_CASE("offer: an agent going offline has their offer withdrawn; the task keeps its place",
          "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  h.Accept(OfferTask{"o2", "t2", {Agent("bob")}, 0});
  CHECK(WaitingIds(h.state) == Ids{"t3"});
  const auto e = Only<OfferWithdrawn>(h, WithdrawAgentOffers{"alice", ""});
  CHECK(e.offer_id == "o1");
  CHECK(e.task_id == "t1");
  CHECK(e.reason == "agent_unavailable");
  CHECK(e.offer_closed);
  CHECK(WaitingIds(h.state) == Ids{"t1", "t3"});  // t1 ahead of t3 again, not behind it
  CHECK(h.state.tasks.front().task_id == "t1");
  CHECK(h.Accept(WithdrawAgentOffers{"alice", ""}).empty());
  h.Reject(AcceptOffer{"o1", "alice"}, Kind::kConflict, "offer_closed");
  CHECK(OpenOfferFor(h.state, "bob") != nullptr);
  CHECK(h.Reject(WithdrawAgentOffers{"", ""}, Kind::kInvalid, "agent_id_required").field ==
        "agent_id");
}

TEST_CASE("offer: withdrawing one agent of a ring_all offer keeps it ringing for the others",
          "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRingAll));
  h.Accept(OfferTask{"o1", "t1", {Agent("a"), Agent("b")}, 0});
  CHECK_FALSE(Only<OfferWithdrawn>(h, WithdrawAgentOffers{"a", "logout"}).offer_closed);
  CHECK(Only<TaskAssigned>(h, AcceptOffer{"o1", "b"}).agent_id == "b");
}

TEST_CASE("offer: the caller hanging up while offered closes the offer", "[offer]") {
  QueueHarness h = ThreeWaiting(SalesQueue(RoutingStrategy::kRingAll));
  h.Accept(OfferTask{"o1", "t1", {Agent("a"), Agent("b")}, 0});
  const auto e = Only<TaskCanceled>(h, CancelTask{"t1", "caller_hung_up"});
  CHECK(e.offer_id == "o1");
  CHECK(e.released_agent_ids == Ids{"a", "b"});
  CHECK(h.state.offers.empty());
  CHECK(FindTask(h.state, "t1") == nullptr);
  const Rejection r = h.Reject(AcceptOffer{"o1", "a"}, Kind::kConflict, "offer_closed");
  CHECK(r.message.find("canceled") != std::string::npos);
  h.now = kT0 + Seconds(60);
  CHECK(h.Accept(ExpireQueueDeadlines{kT0 + Seconds(30)}).empty());  // its timer is stale
  // The hang-up raced an accept that won: the call flow owns the call, the queue does nothing.
  h.Accept(OfferTask{"o2", "t2", {Agent("a")}, 0});
  h.Accept(AcceptOffer{"o2", "a"});
  CHECK(h.Accept(CancelTask{"t2", "caller_hung_up"}).empty());
}

TEST_CASE("offer: a failed assignment is requeued at its original place", "[offer]") {
  QueueHarness h = ThreeWaiting();
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  h.Accept(AcceptOffer{"o1", "alice"});
  CHECK(WaitingIds(h.state) == Ids{"t2", "t3"});
  const auto e = Only<TaskRequeued>(h, RequeueTask{"t1", ""});
  CHECK(e.reason == "assignment_failed");
  CHECK(WaitingIds(h.state) == Ids{"t1", "t2", "t3"});
  CHECK(FindTask(h.state, "t1")->waiting_since == kT0);
  CHECK(h.Accept(RequeueTask{"t1", ""}).empty());
  h.Reject(RequeueTask{"nope", ""}, Kind::kNotFound, "task_not_found");
  h.Accept(CancelTask{"t2", ""});
  h.Reject(RequeueTask{"t2", ""}, Kind::kConflict, "task_closed");
  // Routable again, with a fresh offer id.
  CHECK(Only<TaskOffered>(h, OfferTask{"o2", "", {Agent("bob")}, 0}).task_id == "t1");
}

TEST_CASE("offer: history is bounded; forgotten offers are unknown", "[offer]") {
  QueueHarness h = QueueWith();
  const size_t n = kQueueHistoryLimit + 5;
  // Driven without the harness: its per-step state round trip would make this quadratic.
  for (size_t i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    for (const auto& cmd :
         std::vector<QueueCommand>{Call("t" + id), OfferTask{"o" + id, "", {Agent("a")}, 0},
                                   AcceptOffer{"o" + id, "a"}}) {
      auto d = QueueDecider::Decide(h.state, cmd, h.now);
      REQUIRE_FALSE(IsRejected(d));
      for (const auto& e : EventsOf(d)) h.state = QueueDecider::Evolve(h.state, e);
    }
  }
  CHECK(h.state.recent_offers.size() == kQueueHistoryLimit);
  CHECK(h.state.recent_tasks.size() == kQueueHistoryLimit);
  h.Reject(AcceptOffer{"o0", "a"}, Kind::kNotFound, "offer_not_found");
  CHECK(h.Accept(AcceptOffer{"o" + std::to_string(n - 1), "a"}).empty());
}

TEST_CASE("offer: a task that arrives at the head of the queue is offered in the same decision",
          "[offer]") {
  QueueHarness h = QueueWith();
  auto routed = Call("t1");
  routed.offer = OfferTask{"o1", "", {Agent("alice", 10), Agent("carol", 90)}, 0};
  CHECK(h.Accept(routed) == Types{"TaskEnqueued", "TaskOffered"});
  REQUIRE(h.state.offers.size() == 1);
  CHECK(h.state.offers[0].offer_id == "o1");
  CHECK(h.state.offers[0].agent_ids == Ids{"carol"});
  CHECK(FindTask(h.state, "t1")->offer_id == "o1");
  CHECK(h.Accept(routed).empty());  // a redelivery changes nothing

  SECTION("behind a waiting task it only waits: the head is served first") {
    auto lonely = Call("t2");
    lonely.required_skills = std::set<std::string>{"german"};
    h.Accept(lonely);  // nobody speaks German: it waits
    CHECK(WaitingIds(h.state) == Ids{"t2"});
    auto late = Call("t3");
    late.offer = OfferTask{"o3", "", {Agent("bob", 30)}, 0};
    CHECK(h.Accept(late) == Types{"TaskEnqueued"});
    CHECK(WaitingIds(h.state) == Ids{"t2", "t3"});
  }
  SECTION("a VIP that routes before the waiting ones is offered at once") {
    auto lonely = Call("t2");
    lonely.required_skills = std::set<std::string>{"german"};
    h.Accept(lonely);
    auto vip = Call("t4", 5);
    vip.offer = OfferTask{"o4", "", {Agent("bob", 30)}, 0};
    CHECK(h.Accept(vip) == Types{"TaskEnqueued", "TaskOffered"});
  }
  SECTION("an agent already ringing is skipped; nobody left means it only waits") {
    auto second = Call("t5");
    second.offer = OfferTask{"o5", "", {Agent("carol", 90)}, 0};
    CHECK(h.Accept(second) == Types{"TaskEnqueued"});
    CHECK(WaitingIds(h.state) == Ids{"t5"});
  }
  SECTION("an offer id already used is not used again") {
    auto reused = Call("t6");
    reused.offer = OfferTask{"o1", "", {Agent("bob", 30)}, 0};
    CHECK(h.Accept(reused) == Types{"TaskEnqueued"});
  }
}

}  // namespace
}  // namespace sb::domain
