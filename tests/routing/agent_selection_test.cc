// Agent selection: every strategy, eligibility and the reason recorded for each skip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/routing/agent_selection.h"
#include "tests/routing/routing_fixture.h"

namespace sb::domain {
namespace {

using testing::Agent;
using testing::Ids;
using testing::kT0;
using testing::SalesQueue;

QueueTask SalesTask() {
  QueueTask t;
  t.task_id = "task-1";
  return t;
}

RoutingChoice Select(RoutingStrategy strategy, const std::vector<RoutingCandidate>& candidates,
                     const std::string& cursor = "", uint64_t random_value = 0) {
  return SelectAgents(SalesQueue(strategy), SalesTask(), kT0, candidates, cursor, random_value);
}

Ids SkippedIds(const RoutingChoice& choice) {
  Ids ids;
  for (const SkippedAgent& s : choice.skipped) ids.push_back(s.agent_id);
  return ids;
}

TEST_CASE("selection: longest_idle picks the agent free for the longest time", "[selection]") {
  const auto choice =
      Select(RoutingStrategy::kLongestIdle, {Agent("a", 10), Agent("b", 300), Agent("c", 120)});
  CHECK(choice.chosen == Ids{"b"});
  CHECK(choice.eligible == Ids{"b", "c", "a"});
  CHECK(choice.skipped.empty());
  CHECK(choice.strategy == RoutingStrategy::kLongestIdle);
}

TEST_CASE("selection: fewest_calls and least_talk_time rank by today's numbers", "[selection]") {
  auto a = Agent("a", 500), b = Agent("b", 10), c = Agent("c", 100);
  a.calls_handled = 9;
  b.calls_handled = 2;
  c.calls_handled = 4;
  a.talk_seconds = 100;
  b.talk_seconds = 3000;
  c.talk_seconds = 900;
  const auto fewest = Select(RoutingStrategy::kFewestCalls, {a, b, c});
  CHECK(fewest.chosen == Ids{"b"});
  CHECK(fewest.eligible == Ids{"b", "c", "a"});
  const auto least = Select(RoutingStrategy::kLeastTalkTime, {a, b, c});
  CHECK(least.chosen == Ids{"a"});
  CHECK(least.eligible == Ids{"a", "c", "b"});
}

TEST_CASE("selection: ties are broken by agent id, whatever the input order", "[selection]") {
  std::vector<RoutingCandidate> agents = {Agent("carol", 60), Agent("alice", 60), Agent("bob", 60)};
  for (RoutingStrategy strategy : {RoutingStrategy::kLongestIdle, RoutingStrategy::kFewestCalls,
                                   RoutingStrategy::kLeastTalkTime, RoutingStrategy::kRingAll}) {
    INFO(ToString(strategy));
    std::sort(agents.begin(), agents.end(),
              [](auto& x, auto& y) { return x.agent_id > y.agent_id; });
    const auto first = Select(strategy, agents);
    std::reverse(agents.begin(), agents.end());
    const auto second = Select(strategy, agents);
    CHECK(first.eligible == Ids{"alice", "bob", "carol"});
    CHECK(second.eligible == first.eligible);
    CHECK(second.chosen == first.chosen);
  }
}

TEST_CASE("selection: round_robin takes the next id after the cursor and wraps", "[selection]") {
  const std::vector<RoutingCandidate> agents = {Agent("c"), Agent("a"), Agent("b")};
  auto choice = Select(RoutingStrategy::kRoundRobin, agents, "");
  CHECK(choice.chosen == Ids{"a"});
  CHECK(choice.next_cursor == "a");
  choice = Select(RoutingStrategy::kRoundRobin, agents, choice.next_cursor);
  CHECK(choice.chosen == Ids{"b"});
  CHECK(choice.eligible == Ids{"b", "c", "a"});
  choice = Select(RoutingStrategy::kRoundRobin, agents, choice.next_cursor);
  CHECK(choice.chosen == Ids{"c"});
  choice = Select(RoutingStrategy::kRoundRobin, agents, choice.next_cursor);
  CHECK(choice.chosen == Ids{"a"});  // wrapped
  // The cursor agent went offline: the next id after it still follows.
  choice = Select(RoutingStrategy::kRoundRobin, {Agent("a"), Agent("c")}, "b");
  CHECK(choice.chosen == Ids{"c"});
}

TEST_CASE("selection: only round_robin moves the cursor", "[selection]") {
  const auto choice = Select(RoutingStrategy::kLongestIdle, {Agent("a")}, "zed");
  CHECK(choice.next_cursor == "zed");
  const auto none = Select(RoutingStrategy::kRoundRobin, {}, "zed");
  CHECK(none.chosen.empty());
  CHECK(none.next_cursor == "zed");
}

TEST_CASE("selection: random uses the caller's value over the id order", "[selection]") {
  const std::vector<RoutingCandidate> agents = {Agent("c"), Agent("a"), Agent("b")};
  CHECK(Select(RoutingStrategy::kRandom, agents, "", 0).chosen == Ids{"a"});
  CHECK(Select(RoutingStrategy::kRandom, agents, "", 1).chosen == Ids{"b"});
  CHECK(Select(RoutingStrategy::kRandom, agents, "", 5).chosen == Ids{"c"});
  CHECK(Select(RoutingStrategy::kRandom, agents, "", 5).eligible == Ids{"c", "a", "b"});
  // Same value, same answer: replayable.
  CHECK(Select(RoutingStrategy::kRandom, agents, "", 123456789).chosen ==
        Select(RoutingStrategy::kRandom, agents, "", 123456789).chosen);
}

TEST_CASE("selection: ring_all chooses every eligible agent, longest idle first", "[selection]") {
  auto busy = Agent("d");
  busy.on_call = true;
  const auto choice =
      Select(RoutingStrategy::kRingAll, {Agent("a", 10), Agent("b", 50), Agent("c", 30), busy});
  CHECK(choice.chosen == Ids{"b", "c", "a"});
  CHECK(choice.eligible == choice.chosen);
  CHECK(SkippedIds(choice) == Ids{"d"});
}

TEST_CASE("selection: every skip has its reason", "[selection]") {
  auto no_skill = Agent("a1");
  no_skill.skills = {{"support", 9}};
  auto offline = Agent("a2");
  offline.status = AgentStatus::kOffline;
  auto away = Agent("a3");
  away.status = AgentStatus::kAway;
  auto on_break = Agent("a4");
  on_break.status = AgentStatus::kBreak;
  auto on_call_status = Agent("a5");
  on_call_status.status = AgentStatus::kOnCall;
  auto on_call_flag = Agent("a6");
  on_call_flag.on_call = true;  // status still says online (stale projection): not trusted
  auto wrap_status = Agent("a7");
  wrap_status.status = AgentStatus::kWrapUp;
  auto wrap_until = Agent("a8");
  wrap_until.wrap_up_until = kT0 + Seconds(5);
  auto offered = Agent("a9");
  offered.has_open_offer = true;
  auto offline_without_skill = Agent("b1");
  offline_without_skill.skills.clear();
  offline_without_skill.status = AgentStatus::kOffline;
  auto wrap_over = Agent("z1");
  wrap_over.wrap_up_until = kT0;  // ends now: free again

  const auto choice = Select(RoutingStrategy::kLongestIdle,
                             {wrap_over, offline_without_skill, offered, wrap_until, wrap_status,
                              on_call_flag, on_call_status, on_break, away, offline, no_skill});
  CHECK(choice.chosen == Ids{"z1"});
  CHECK(choice.eligible == Ids{"z1"});
  const std::vector<SkippedAgent> expected = {
      {"a1", SkipReason::kMissingSkill}, {"a2", SkipReason::kOffline},
      {"a3", SkipReason::kAway},         {"a4", SkipReason::kOnBreak},
      {"a5", SkipReason::kOnCall},       {"a6", SkipReason::kOnCall},
      {"a7", SkipReason::kWrapUp},       {"a8", SkipReason::kWrapUp},
      {"a9", SkipReason::kHasOpenOffer}, {"b1", SkipReason::kMissingSkill},  // skills first
  };
  CHECK(choice.skipped == expected);
}

TEST_CASE("selection: a task needs every required skill; a task override replaces the queue's",
          "[selection]") {
  auto both = Agent("both");
  both.skills = {{"sales", 1}, {"spanish", 1}};
  auto sales_only = Agent("sales_only");
  QueueConfig queue = SalesQueue();
  queue.required_skills = {"sales", "spanish"};
  QueueTask task;
  auto choice = SelectAgents(queue, task, kT0, {both, sales_only}, "", 0);
  CHECK(choice.eligible == Ids{"both"});
  CHECK(choice.skipped == std::vector<SkippedAgent>{{"sales_only", SkipReason::kMissingSkill}});

  task.required_skills = std::set<std::string>{"sales"};
  choice = SelectAgents(queue, task, kT0, {both, sales_only}, "", 0);
  CHECK(choice.eligible == Ids{"both", "sales_only"});

  task.required_skills = std::set<std::string>{};  // anyone
  auto no_skills = Agent("none");
  no_skills.skills.clear();
  choice = SelectAgents(queue, task, kT0, {no_skills}, "", 0);
  CHECK(choice.chosen == Ids{"none"});
}

TEST_CASE("selection: the chat channel counts chat slots, voice does not", "[selection]") {
  auto full = Agent("full");
  full.chat_load = 2;
  full.max_chats = 2;
  auto spare = Agent("spare", 1);
  spare.chat_load = 2;
  spare.max_chats = 3;
  QueueConfig chat = SalesQueue();
  chat.channel = QueueChannel::kChat;
  const auto in_chat = SelectAgents(chat, SalesTask(), kT0, {full, spare}, "", 0);
  CHECK(in_chat.chosen == Ids{"spare"});
  CHECK(in_chat.skipped == std::vector<SkippedAgent>{{"full", SkipReason::kAtCapacity}});

  const auto in_voice = SelectAgents(SalesQueue(), SalesTask(), kT0, {full, spare}, "", 0);
  CHECK(in_voice.chosen == Ids{"full"});  // chats do not fill the voice slot
  CHECK(in_voice.skipped.empty());
}

TEST_CASE("selection: nobody eligible chooses nobody and says why", "[selection]") {
  auto away = Agent("a");
  away.status = AgentStatus::kAway;
  const auto choice = Select(RoutingStrategy::kRingAll, {away});
  CHECK(choice.chosen.empty());
  CHECK(choice.eligible.empty());
  CHECK(choice.skipped == std::vector<SkippedAgent>{{"a", SkipReason::kAway}});
  CHECK(Select(RoutingStrategy::kLongestIdle, {}).chosen.empty());
}

TEST_CASE("selection: a duplicate candidate counts once (the first)", "[selection]") {
  auto offline_twin = Agent("a");
  offline_twin.status = AgentStatus::kOffline;
  const auto choice = Select(RoutingStrategy::kRingAll, {Agent("a"), offline_twin, Agent("b")});
  CHECK(choice.chosen == Ids{"a", "b"});
  CHECK(choice.skipped.empty());
}

TEST_CASE("selection: IneligibilityOf explains one agent", "[selection]") {
  auto c = Agent("a");
  CHECK_FALSE(IneligibilityOf(c, {"sales"}, QueueChannel::kVoice, kT0).has_value());
  c.status = AgentStatus::kBreak;
  CHECK(IneligibilityOf(c, {"sales"}, QueueChannel::kVoice, kT0) == SkipReason::kOnBreak);
  CHECK(IneligibilityOf(c, {"billing"}, QueueChannel::kVoice, kT0) == SkipReason::kMissingSkill);
}

TEST_CASE("selection: spellings round-trip", "[selection]") {
  for (RoutingStrategy s :
       {RoutingStrategy::kLongestIdle, RoutingStrategy::kRoundRobin, RoutingStrategy::kFewestCalls,
        RoutingStrategy::kLeastTalkTime, RoutingStrategy::kRingAll, RoutingStrategy::kRandom}) {
    CHECK(ParseRoutingStrategy(ToString(s)) == s);
  }
  CHECK(std::string(ToString(RoutingStrategy::kLeastTalkTime)) == "least_talk_time");
  CHECK_FALSE(ParseRoutingStrategy("LONGEST_IDLE").has_value());
  CHECK(std::string(ToString(SkipReason::kHasOpenOffer)) == "has_open_offer");
  CHECK(ParseSkipReason("at_capacity") == SkipReason::kAtCapacity);
  CHECK_FALSE(ParseSkipReason("busy").has_value());
}

TEST_CASE("selection: a limit lists the same first entries as no limit, for every strategy",
          "[selection]") {
  // 60 agents in a shuffled order, with repeated idle times, numbers and some skipped.
  std::vector<RoutingCandidate> candidates;
  for (int i = 0; i < 60; ++i) {
    const int n = (i * 37) % 60;
    auto c = Agent("agent-" + std::to_string(100 + n), 10 * (n % 7));
    c.calls_handled = n % 5;
    c.talk_seconds = 30 * (n % 4);
    if (n % 6 == 0) c.has_open_offer = true;
    candidates.push_back(c);
  }
  for (auto strategy : {RoutingStrategy::kLongestIdle, RoutingStrategy::kFewestCalls,
                        RoutingStrategy::kLeastTalkTime, RoutingStrategy::kRoundRobin,
                        RoutingStrategy::kRandom, RoutingStrategy::kRingAll}) {
    const auto queue = SalesQueue(strategy);
    const auto all = SelectAgents(queue, SalesTask(), kT0, candidates, "agent-130", 7);
    const auto some = SelectAgents(queue, SalesTask(), kT0, candidates, "agent-130", 7, 8);
    REQUIRE(all.eligible.size() == 50);
    REQUIRE(some.eligible.size() == 8);
    CHECK(Ids(all.eligible.begin(), all.eligible.begin() + 8) == some.eligible);
    REQUIRE(some.skipped.size() == 8);
    const Ids skipped = SkippedIds(all);
    CHECK(Ids(skipped.begin(), skipped.begin() + 8) == SkippedIds(some));
    CHECK(some.chosen.front() == all.chosen.front());
  }
}

}  // namespace
}  // namespace sb::domain
