// RoutingRoster: the router's fold of the log, checked on the candidate pool it hands to
// routing decisions, which it keeps between folds rather than rebuilding.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "actors/routing_roster.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/routing/queue_decider.h"

namespace sb::actors {
namespace {

constexpr domain::Timestamp kT0 = 1'764'757'800LL * domain::kMicrosPerSecond;

// Feeds the roster what an entity's decisions append, as the log would.
class Log {
 public:
  explicit Log(RoutingRoster* roster) : roster_(roster) {}

  template <class D>
  void Decide(const std::string& id, typename D::State* state, const typename D::Command& c,
              domain::Timestamp at = kT0) {
    auto decision = D::Decide(*state, c, at);
    if (domain::IsRejected(decision)) FAIL(domain::RejectionOf(decision).message);
    for (const auto& event : domain::EventsOf(decision)) {
      D::EvolveInPlace(*state, event);
      es::RecordedEvent e;
      e.stream = std::string("acme/") + D::kKind + "/" + id;
      e.type = D::TypeOf(event);
      e.payload = D::EncodeEvent(event);
      e.version = ++versions_[e.stream];
      e.position = ++position_;
      e.timestamp_us = at;
      std::set<std::pair<std::string, std::string>> dirty;
      std::vector<FollowUp> follow_ups;
      roster_->Apply(e, &dirty, &follow_ups);
    }
  }

 private:
  RoutingRoster* roster_;
  std::map<std::string, uint64_t> versions_;
  uint64_t position_ = 0;
};

void LogIn(Log& log, const std::string& id, domain::AgentState* agent) {
  domain::AgentProfile profile;
  profile.name = id;
  log.Decide<domain::AgentDecider>(id, agent, domain::RegisterAgent{profile});
  log.Decide<domain::AgentDecider>(id, agent,
                                   domain::ChangeAgentStatus{domain::AgentStatus::kOnline, ""});
}

// The queue "q", named Support, with a default configuration.
void ConfigureQueue(Log& log, domain::QueueState* queue) {
  domain::ConfigureQueue configure;
  configure.config.name = "Support";
  log.Decide<domain::QueueDecider>("q", queue, configure);
}

bool HasOpenOffer(RoutingRoster& roster, const std::string& agent) {
  const auto& pool = roster.Candidates("acme", kT0);
  return pool.all.at(pool.index.at(agent)).has_open_offer;
}

TEST_CASE("roster: the pool follows offers opening and closing without an agent event",
          "[roster]") {
  RoutingRoster roster;
  Log log(&roster);
  std::map<std::string, domain::AgentState> agents;
  for (const char* id : {"alice", "bob"}) LogIn(log, id, &agents[id]);
  domain::QueueState queue;
  ConfigureQueue(log, &queue);
  domain::EnqueueTask task;
  task.task_id = task.call_id = "call-1";
  log.Decide<domain::QueueDecider>("q", &queue, task);

  CHECK_FALSE(HasOpenOffer(roster, "alice"));  // the pool is built now, and kept from here
  const auto candidates = roster.Candidates("acme", kT0).all;
  log.Decide<domain::QueueDecider>("q", &queue, domain::OfferTask{"q.o1", "", candidates, 0});
  REQUIRE(queue.offers.size() == 1);
  const std::string offered = queue.offers[0].agent_ids.at(0);
  const std::string other = offered == "alice" ? "bob" : "alice";
  CHECK(HasOpenOffer(roster, offered));
  CHECK_FALSE(HasOpenOffer(roster, other));

  log.Decide<domain::QueueDecider>("q", &queue, domain::RejectOffer{"q.o1", offered, ""});
  CHECK_FALSE(HasOpenOffer(roster, offered));

  log.Decide<domain::QueueDecider>("q", &queue, domain::OfferTask{"q.o2", "", candidates, 0});
  const std::string second = queue.offers.at(0).agent_ids.at(0);
  CHECK(HasOpenOffer(roster, second));
  // Accepted: the agent stays held while the assignment is under way (its reservation has
  // not landed yet), so that no other task is offered to it in between.
  log.Decide<domain::QueueDecider>("q", &queue, domain::AcceptOffer{"q.o2", second});
  CHECK(HasOpenOffer(roster, second));
  const auto& pool = roster.Candidates("acme", kT0);
  for (const auto& [idle_since, id] : pool.free_by_idle) CHECK(id != second);
  // The assignment given up (the agent could not be reserved): free again.
  log.Decide<domain::QueueDecider>("q", &queue, domain::RequeueTask{"call-1", "agent_unavailable"});
  CHECK_FALSE(HasOpenOffer(roster, second));
}

TEST_CASE("roster: an assignment holds its agent until the call has it", "[roster]") {
  RoutingRoster roster;
  Log log(&roster);
  domain::AgentState agent;
  LogIn(log, "alice", &agent);
  domain::QueueState queue;
  ConfigureQueue(log, &queue);
  domain::CallState call;
  domain::InitiateCall inbound;
  inbound.direction = domain::CallDirection::kInbound;
  inbound.channel = domain::CallChannel::kPstn;
  inbound.to_phone = "+14155550100";
  inbound.queue_id = "q";
  log.Decide<domain::CallDecider>("call-1", &call, inbound);
  domain::EnqueueTask task;
  task.task_id = task.call_id = "call-1";
  log.Decide<domain::QueueDecider>("q", &queue, task);
  log.Decide<domain::QueueDecider>(
      "q", &queue, domain::OfferTask{"q.o1", "", roster.Candidates("acme", kT0).all, 0});
  log.Decide<domain::QueueDecider>("q", &queue, domain::AcceptOffer{"q.o1", "alice"});
  CHECK(HasOpenOffer(roster, "alice"));
  CHECK(roster.Candidates("acme", kT0).free_by_idle.empty());

  // The router's follow-up: the agent reserved, then the call assigned to it.
  log.Decide<domain::AgentDecider>("alice", &agent, domain::ReserveAgentForCall{"call-1"});
  CHECK(HasOpenOffer(roster, "alice"));
  log.Decide<domain::CallDecider>("call-1", &call, domain::AssignCallAgent{"alice", "Alice"});
  CHECK_FALSE(HasOpenOffer(roster, "alice"));
  CHECK(roster.Candidates("acme", kT0).all.at(0).on_call);

  // The call over: alice is free for the next task.
  log.Decide<domain::AgentDecider>("alice", &agent, domain::ReleaseAgentCall{"call-1", 0});
  CHECK(roster.Candidates("acme", kT0).free_by_idle.size() == 1);
}

TEST_CASE("roster: an idle shortlist ranks the eligible agents as SelectAgents does", "[roster]") {
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    RoutingRoster roster;
    Log log(&roster);
    std::map<std::string, domain::AgentState> agents;
    const domain::AgentStatus statuses[] = {
        domain::AgentStatus::kOnline, domain::AgentStatus::kOnline, domain::AgentStatus::kAway,
        domain::AgentStatus::kBreak};
    for (int i = 0; i < 150; ++i) {
      const std::string id = "agent-" + std::to_string(i);
      domain::AgentProfile profile;
      profile.name = id;
      if (random() % 3 != 0) profile.skills["spanish"] = 1;
      if (random() % 2 != 0) profile.skills["billing"] = 2;
      log.Decide<domain::AgentDecider>(id, &agents[id], domain::RegisterAgent{profile});
      // Few distinct instants, so that ties (broken by id) are common.
      const domain::Timestamp at = kT0 + static_cast<domain::Timestamp>(random() % 20);
      log.Decide<domain::AgentDecider>(id, &agents[id],
                                       domain::ChangeAgentStatus{statuses[random() % 4], ""}, at);
    }
    domain::QueueState queue;
    domain::ConfigureQueue configure;
    configure.config.name = "Spanish";
    configure.config.required_skills = {"spanish"};
    configure.config.strategy =
        round % 2 == 0 ? domain::RoutingStrategy::kLongestIdle : domain::RoutingStrategy::kRingAll;
    log.Decide<domain::QueueDecider>("q", &queue, configure);
    // Some offers open (a few of them taken back), so the free agents change as they are made.
    for (int n = 0; n < 12; ++n) {
      domain::EnqueueTask task;
      task.task_id = task.call_id = "call-" + std::to_string(n);
      log.Decide<domain::QueueDecider>("q", &queue, task);
      const domain::QueueCommand offer = domain::OfferTask{
          "q.o" + std::to_string(n), task.task_id, roster.Candidates("acme", kT0 + 100).all, 0};
      // Under ring_all the first offer rings every eligible agent: the rest find nobody.
      if (domain::IsRejected(domain::QueueDecider::Decide(queue, offer, kT0 + 100))) continue;
      log.Decide<domain::QueueDecider>("q", &queue, std::get<domain::OfferTask>(offer));
      if (n % 4 == 3 && !queue.offers.empty()) {
        const auto& open = queue.offers.back();
        log.Decide<domain::QueueDecider>("q", &queue,
                                         domain::RejectOffer{open.offer_id, open.agent_ids[0], ""});
      }
    }

    domain::QueueTask task;
    task.task_id = "call-next";
    const domain::Timestamp now = kT0 + 100;
    const auto& pool = roster.Candidates("acme", now);
    const size_t limit = 1 + random() % 30;
    const auto expected =
        domain::SelectAgents(queue.config, task, now, pool.all, "", 0, limit).eligible;
    const auto shortlist = RoutingRoster::IdleShortlist(pool, queue.config, task, now, limit, 8);
    std::vector<std::string> eligible;
    std::set<std::string> seen;
    size_t skipped = 0;
    for (const auto& c : shortlist) {
      CHECK(seen.insert(c.agent_id).second);
      if (domain::IneligibilityOf(c, queue.config.required_skills, queue.config.channel, now)) {
        ++skipped;
      } else {
        eligible.push_back(c.agent_id);
      }
    }
    CHECK(eligible == expected);
    CHECK(skipped <= 8);
    CHECK(skipped > 0);  // a third of them lack the skill, a half are away or on break
  }
}

// What the pool must hold, worked out from the agents' own states: every registered agent not
// offline, and, among them, the free ones by idle time.
void CheckPoolMatches(RoutingRoster& roster,
                      const std::map<std::string, domain::AgentState>& agents,
                      const std::set<std::string>& ringing,
                      const std::map<std::string, int64_t>& calls_ended, domain::Timestamp now) {
  const auto& pool = roster.Candidates("acme", now);
  std::set<std::string> expected_ids, pooled_ids;
  std::set<std::pair<domain::Timestamp, std::string>> expected_free;
  for (const auto& [id, s] : agents) {
    if (!s.exists || s.status == domain::AgentStatus::kOffline) continue;
    expected_ids.insert(id);
    if (!pool.index.count(id)) continue;
    const auto& c = pool.all.at(pool.index.at(id));
    INFO("agent " << id);
    CHECK(c.agent_id == id);
    CHECK(c.status == s.status);
    CHECK(c.skills == s.profile.skills);
    CHECK(c.on_call == s.OnCall());
    CHECK(c.wrap_up_until == s.wrap_up_deadline);
    CHECK(c.chat_load == s.CurrentLoad());
    CHECK(c.max_chats == s.profile.max_concurrent_chats);
    CHECK(c.idle_since == s.status_since);
    CHECK(c.has_open_offer == (ringing.count(id) > 0));
    CHECK(c.calls_handled == (calls_ended.count(id) ? calls_ended.at(id) : 0));
    if (domain::CanTakeWork(s.status) && !s.OnCall() && !ringing.count(id)) {
      expected_free.emplace(s.status_since, id);
    }
  }
  for (const auto& c : pool.all) pooled_ids.insert(c.agent_id);
  CHECK(pooled_ids == expected_ids);
  CHECK(pool.all.size() == expected_ids.size());
  CHECK(pool.index.size() == expected_ids.size());
  CHECK(pool.free_by_idle == expected_free);
}

TEST_CASE("roster: the pool kept across agent and offer events matches the agents' states",
          "[roster]") {
  std::mt19937 random(11);
  RoutingRoster roster;
  Log log(&roster);
  std::map<std::string, domain::AgentState> agents;
  domain::QueueState queue;
  domain::ConfigureQueue configure;
  configure.config.name = "Support";
  configure.config.strategy = domain::RoutingStrategy::kRingAll;
  log.Decide<domain::QueueDecider>("q", &queue, configure);
  const domain::AgentStatus statuses[] = {domain::AgentStatus::kOnline, domain::AgentStatus::kAway,
                                          domain::AgentStatus::kBreak,
                                          domain::AgentStatus::kOffline};
  int calls = 0, tasks = 0;
  std::map<std::string, int64_t> calls_ended;  // today, by agent
  for (int step = 0; step < 3000; ++step) {
    const domain::Timestamp at = kT0 + step;
    const std::string id = "agent-" + std::to_string(random() % 40);
    domain::AgentState& agent = agents[id];
    const auto decide = [&](const domain::AgentCommand& command) {
      if (domain::IsRejected(domain::AgentDecider::Decide(agent, command, at))) return;
      if (const auto* release = std::get_if<domain::ReleaseAgentCall>(&command);
          release && !release->call_id.empty() && release->call_id == agent.active_call_id) {
        ++calls_ended[id];
      }
      log.Decide<domain::AgentDecider>(id, &agent, command, at);
    };
    switch (random() % 8) {
      case 0: {
        domain::AgentProfile profile;
        profile.name = id;
        if (random() % 2) profile.skills["billing"] = 1 + random() % 3;
        profile.max_concurrent_chats = 1 + random() % 3;
        decide(domain::RegisterAgent{profile});
        break;
      }
      case 1:
      case 2:
        decide(domain::ChangeAgentStatus{statuses[random() % 4], ""});
        break;
      case 3:
        decide(domain::ReserveAgentForCall{"call-" + std::to_string(++calls)});
        break;
      case 4:
        decide(domain::ReleaseAgentCall{agent.active_call_id, random() % 2 ? 30 : 0});
        break;
      case 5:
        decide(domain::ReserveAgentChat{"chat-" + std::to_string(step)});
        break;
      case 6: {  // a task rung to every free agent, or an open offer rejected
        if (queue.offers.empty() || random() % 2) {
          domain::EnqueueTask task;
          task.task_id = task.call_id = "task-" + std::to_string(++tasks);
          log.Decide<domain::QueueDecider>("q", &queue, task, at);
          const domain::QueueCommand offer = domain::OfferTask{
              "q.o" + std::to_string(tasks), task.task_id, roster.Candidates("acme", at).all, 0};
          if (!domain::IsRejected(domain::QueueDecider::Decide(queue, offer, at))) {
            log.Decide<domain::QueueDecider>("q", &queue, std::get<domain::OfferTask>(offer), at);
          }
        } else {
          const auto& open = queue.offers.front();
          log.Decide<domain::QueueDecider>(
              "q", &queue, domain::RejectOffer{open.offer_id, open.agent_ids.front(), ""}, at);
        }
        break;
      }
      default:
        if (agent.wrap_up_deadline) decide(domain::ExpireAgentWrapUp{*agent.wrap_up_deadline});
        break;
    }
    std::set<std::string> ringing;
    for (const auto& [agent_id, offer_id] : queue.ringing) ringing.insert(agent_id);
    if (step % 50 == 0 || step == 2999) CheckPoolMatches(roster, agents, ringing, calls_ended, at);
  }
}

}  // namespace
}  // namespace sb::actors
