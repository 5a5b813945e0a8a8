// RoutingRoster: the router's fold of the log, checked on the candidate pool it hands to
// routing decisions, which it keeps between folds rather than rebuilding.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "actors/routing_roster.h"
#include "domain/agent_decider.h"
#include "domain/routing/queue_decider.h"

namespace sb::actors {
namespace {

constexpr domain::Timestamp kT0 = 1'764'757'800LL * domain::kMicrosPerSecond;

// Feeds the roster what an entity's decisions append, as the log would.
class Log {
 public:
  explicit Log(RoutingRoster* roster) : roster_(roster) {}

  template <class D>
  void Decide(const std::string& id, typename D::State* state, const typename D::Command& c) {
    auto decision = D::Decide(*state, c, kT0);
    if (domain::IsRejected(decision)) FAIL(domain::RejectionOf(decision).message);
    for (const auto& event : domain::EventsOf(decision)) {
      *state = D::Evolve(std::move(*state), event);
      es::RecordedEvent e;
      e.stream = std::string("acme/") + D::kKind + "/" + id;
      e.type = D::TypeOf(event);
      e.payload = D::EncodeEvent(event);
      e.version = ++versions_[e.stream];
      e.position = ++position_;
      e.timestamp_us = kT0;
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

bool HasOpenOffer(RoutingRoster& roster, const std::string& agent) {
  const auto& pool = roster.Candidates("acme", kT0);
  return pool.all.at(pool.index.at(agent)).has_open_offer;
}

TEST_CASE("roster: the pool follows offers opening and closing without an agent event",
          "[roster]") {
  RoutingRoster roster;
  Log log(&roster);
  std::map<std::string, domain::AgentState> agents;
  for (const char* id : {"alice", "bob"}) {
    domain::AgentProfile profile;
    profile.name = id;
    log.Decide<domain::AgentDecider>(id, &agents[id], domain::RegisterAgent{profile});
    log.Decide<domain::AgentDecider>(id, &agents[id],
                                     domain::ChangeAgentStatus{domain::AgentStatus::kOnline, ""});
  }
  domain::QueueState queue;
  domain::ConfigureQueue configure;
  configure.config.name = "Support";
  log.Decide<domain::QueueDecider>("q", &queue, configure);
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

  log.Decide<domain::QueueDecider>("q", &queue, domain::RejectOffer{"q.o1", offered});
  CHECK_FALSE(HasOpenOffer(roster, offered));

  log.Decide<domain::QueueDecider>("q", &queue, domain::OfferTask{"q.o2", "", candidates, 0});
  const std::string second = queue.offers.at(0).agent_ids.at(0);
  CHECK(HasOpenOffer(roster, second));
  log.Decide<domain::QueueDecider>("q", &queue, domain::AcceptOffer{"q.o2", second});
  CHECK_FALSE(HasOpenOffer(roster, second));
}

}  // namespace
}  // namespace sb::actors
