// Random but well-formed domain event histories for agents, customers and calls, appended to a
// log: the input of projection property tests, crash tests and bench_rebuild. Evolve is total,
// so any sequence of decodable events is a valid history; the generator still follows the usual
// order of a call (initiated, ringing, connected, ended, outcome) so statistics see every case.
#ifndef SWITCHBOARD_TESTS_SUPPORT_RANDOM_EVENTS_H_
#define SWITCHBOARD_TESTS_SUPPORT_RANDOM_EVENTS_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"
#include "eventstore/event_store.h"

namespace sb::testing {

struct PendingAppend {
  std::string stream;
  es::EventData event;
};

class RandomHistory {
 public:
  RandomHistory(uint64_t seed, int agents, int customers, std::string tenant = "acme")
      : rng_(seed), agents_(agents), customers_(customers), tenant_(std::move(tenant)) {}

  // The next event of a random entity, with instants that move forward.
  PendingAppend Next() {
    now_ += Pick(1, 3'000'000);
    const int kind = Pick(0, 9);
    if (kind < 3) return Agent();
    if (kind < 5) return Customer();
    return Call();
  }

  domain::Timestamp now() const { return now_; }

 private:
  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  template <class D>
  PendingAppend Make(const std::string& id, const typename D::Event& event) {
    PendingAppend out;
    out.stream = tenant_ + "/" + D::kKind + "/" + id;
    out.event.id = es::NewEventId();
    out.event.type = D::TypeOf(event);
    out.event.payload = D::EncodeEvent(event);
    out.event.tenant = tenant_;
    out.event.actor = "test:generator";
    out.event.timestamp_us = now_;
    return out;
  }

  PendingAppend Agent() {
    const std::string id = "agent-" + std::to_string(Pick(0, agents_ - 1));
    using namespace domain;
    static const AgentStatus kStatuses[] = {AgentStatus::kOffline, AgentStatus::kOnline,
                                            AgentStatus::kAway, AgentStatus::kBreak};
    const int what = Pick(0, 5);
    if (!registered_agents_[id] || what == 0) {
      registered_agents_[id] = true;
      AgentRegistered e;
      e.profile.name = "Agent " + id;
      e.at = now_;
      return Make<AgentDecider>(id, AgentEvent{e});
    }
    if (what <= 2) {
      AgentStatusChanged e;
      e.from = kStatuses[Pick(0, 3)];
      e.to = kStatuses[Pick(0, 3)];
      e.reason = "random";
      e.at = now_;
      return Make<AgentDecider>(id, AgentEvent{e});
    }
    if (what == 3) {
      AgentCallReserved e;
      e.call_id = "call-" + std::to_string(Pick(0, 1000));
      e.at = now_;
      return Make<AgentDecider>(id, AgentEvent{e});
    }
    if (what == 4) {
      AgentCallReleased e;
      e.call_id = "call-" + std::to_string(Pick(0, 1000));
      e.at = now_;
      return Make<AgentDecider>(id, AgentEvent{e});
    }
    AgentActivityRecorded e;
    e.activity_type = Pick(0, 1) ? "idle" : "on-break";
    e.duration_seconds = Pick(0, 600);
    e.at = now_;
    return Make<AgentDecider>(id, AgentEvent{e});
  }

  PendingAppend Customer() {
    const std::string id = "lead-" + std::to_string(Pick(0, customers_ - 1));
    using namespace domain;
    const int what = Pick(0, 4);
    if (!registered_customers_[id] || what == 0) {
      registered_customers_[id] = true;
      CustomerRegistered e;
      e.profile.name = "Lead " + id;
      e.profile.phone = "+1555" + std::to_string(1000000 + Pick(0, 8999999));
      e.profile.consent_in_app_calls = Pick(0, 1) == 1;
      e.at = now_;
      return Make<CustomerDecider>(id, CustomerEvent{e});
    }
    if (what <= 2) {
      CustomerConnected e;
      e.connection_id = "ws-" + std::to_string(Pick(0, 3));
      e.at = now_;
      return Make<CustomerDecider>(id, CustomerEvent{e});
    }
    CustomerDisconnected e;
    e.connection_id = "ws-" + std::to_string(Pick(0, 3));
    e.at = now_;
    return Make<CustomerDecider>(id, CustomerEvent{e});
  }

  // Calls advance through their usual steps; a few start every so often.
  PendingAppend Call() {
    using namespace domain;
    if (open_calls_.empty() || Pick(0, 3) == 0) {
      const std::string id = "call-" + std::to_string(next_call_++);
      CallInitiated e;
      e.channel = Pick(0, 1) ? CallChannel::kPstn : CallChannel::kInApp;
      e.to_phone = "+15550001111";
      e.lead_id = "lead-" + std::to_string(Pick(0, customers_ - 1));
      e.agent_id = "agent-" + std::to_string(Pick(0, agents_ - 1));
      e.ring_timeout_seconds = 30;
      e.deadline = now_ + Seconds(30);
      e.at = now_;
      open_calls_[id] = 1;
      return Make<CallDecider>(id, CallEvent{e});
    }
    auto it = open_calls_.begin();
    std::advance(it, Pick(0, static_cast<int>(open_calls_.size()) - 1));
    const std::string id = it->first;
    const int step = it->second++;
    if (step == 1) return Make<CallDecider>(id, CallEvent{CallRinging{now_}});
    if (step == 2 && Pick(0, 3) > 0) {
      CallConnected e;
      e.answered_by = "customer";
      e.at = now_;
      return Make<CallDecider>(id, CallEvent{e});
    }
    if (step <= 3) {
      static const CallStatus kEnds[] = {CallStatus::kCompleted, CallStatus::kCanceled,
                                         CallStatus::kNoAnswer, CallStatus::kFailed,
                                         CallStatus::kRejected};
      CallEnded e;
      e.status = step == 3 ? CallStatus::kCompleted : kEnds[Pick(1, 4)];
      e.reason = "random";
      e.at = now_;
      it->second = 4;
      return Make<CallDecider>(id, CallEvent{e});
    }
    open_calls_.erase(it);
    CallOutcomeRecorded e;
    e.outcome = CallOutcome::kOrdered;
    e.notes = "ok";
    e.at = now_;
    return Make<CallDecider>(id, CallEvent{e});
  }

  std::mt19937_64 rng_;
  const int agents_;
  const int customers_;
  const std::string tenant_;
  domain::Timestamp now_ = 1'780'000'000'000'000;  // 2026
  std::map<std::string, bool> registered_agents_, registered_customers_;
  std::map<std::string, int> open_calls_;  // call id -> next step
  uint64_t next_call_ = 0;
};

// Appends `count` events of `history`, each with expected version "any".
inline Status AppendRandom(es::EventStore& store, RandomHistory& history, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    auto next = history.Next();
    auto result = store.Append(next.stream, es::ExpectedVersion::Any(), {next.event});
    if (!result.status.ok()) return result.status;
  }
  return Status::OK();
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_SUPPORT_RANDOM_EVENTS_H_
