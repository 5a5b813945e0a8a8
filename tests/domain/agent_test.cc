// Agent decider: every transition and every rejection.
#include <catch2/catch.hpp>

#include "domain/agent_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {
namespace {

using testing::Harness;
using testing::kT0;
using testing::Types;
using Kind = Rejection::Kind;

AgentProfile Alice() {
  AgentProfile p;
  p.name = "Alice Rahman";
  p.email = "alice@example.com";
  p.extension = "1001";
  p.avatar_url = "https://cdn.example.com/alice.png";
  p.skills = {{"sales", 7}, {"bangla", 10}};
  p.max_concurrent_chats = 2;
  return p;
}

// A registered agent in `status` (offline if not told otherwise).
Harness<AgentDecider> AgentIn(AgentStatus status = AgentStatus::kOffline) {
  Harness<AgentDecider> h;
  h.Accept(RegisterAgent{Alice()});
  if (status == AgentStatus::kOnCall) {
    h.Accept(ChangeAgentStatus{AgentStatus::kOnline, ""});
    h.Accept(ReserveAgentForCall{"call-1"});
  } else if (status == AgentStatus::kWrapUp) {
    h.Accept(ChangeAgentStatus{AgentStatus::kOnline, ""});
    h.Accept(ReserveAgentForCall{"call-1"});
    h.Accept(ReleaseAgentCall{"call-1", 60});
  } else if (status != AgentStatus::kOffline) {
    h.Accept(ChangeAgentStatus{status, "test"});
  }
  REQUIRE(h.state.status == status);
  return h;
}

TEST_CASE("agent: every command but RegisterAgent is 404 before registration", "[agent]") {
  const AgentCommand commands[] = {
      UpdateAgentProfile{Alice()},   ChangeAgentStatus{AgentStatus::kOnline, ""},
      ReserveAgentForCall{"call-1"}, ReleaseAgentCall{"call-1", 0},
      ExpireAgentWrapUp{kT0},        ReserveAgentChat{"chat-1"},
      ReleaseAgentChat{"chat-1"},    RecordAgentActivity{"LOGIN", "", true, 0, ""},
  };
  for (const AgentCommand& c : commands) {
    Harness<AgentDecider> h;
    h.Reject(c, Kind::kNotFound, "agent_not_found");
    CHECK_FALSE(h.state.exists);
  }
}

TEST_CASE("agent: registration creates an offline agent with its profile", "[agent]") {
  Harness<AgentDecider> h;
  CHECK(h.Accept(RegisterAgent{Alice()}) == Types{"AgentRegistered"});
  CHECK(h.state.exists);
  CHECK(h.state.profile == Alice());
  CHECK(h.state.status == AgentStatus::kOffline);
  CHECK(h.state.created_at == kT0);
  CHECK(h.state.CurrentLoad() == 0);
  CHECK_FALSE(h.state.OnCall());
}

TEST_CASE("agent: RegisterAgent is an upsert, identical data is a no-op", "[agent]") {
  Harness<AgentDecider> h = AgentIn();
  CHECK(h.Accept(RegisterAgent{Alice()}).empty());
  AgentProfile changed = Alice();
  changed.skills["english"] = 5;
  h.now += Seconds(5);
  CHECK(h.Accept(RegisterAgent{changed}) == Types{"AgentProfileUpdated"});
  CHECK(h.state.profile.skills.at("english") == 5);
  CHECK(h.state.created_at == kT0);
  CHECK(h.state.updated_at == kT0 + Seconds(5));
}

TEST_CASE("agent: UpdateAgentProfile replaces the profile", "[agent]") {
  Harness<AgentDecider> h = AgentIn();
  AgentProfile p = Alice();
  p.name = "Alice R.";
  p.max_concurrent_chats = 5;
  p.skills.clear();
  CHECK(h.Accept(UpdateAgentProfile{p}) == Types{"AgentProfileUpdated"});
  CHECK(h.state.profile.name == "Alice R.");
  CHECK(h.state.profile.max_concurrent_chats == 5);
  CHECK(h.state.profile.skills.empty());
  CHECK(h.Accept(UpdateAgentProfile{p}).empty());
}

TEST_CASE("agent: profile validation", "[agent]") {
  struct Case {
    const char* what;
    void (*mutate)(AgentProfile&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"empty name", [](AgentProfile& p) { p.name = ""; }, "name_required", "name"},
      {"blank name", [](AgentProfile& p) { p.name = "  \t"; }, "name_required", "name"},
      {"bad email", [](AgentProfile& p) { p.email = "alice-at-example"; }, "invalid_email",
       "email"},
      {"empty skill", [](AgentProfile& p) { p.skills[""] = 3; }, "invalid_skill", "skills"},
      {"skill level 0", [](AgentProfile& p) { p.skills["x"] = 0; }, "invalid_skill_level",
       "skills"},
      {"skill level 11", [](AgentProfile& p) { p.skills["x"] = 11; }, "invalid_skill_level",
       "skills"},
      {"zero chats", [](AgentProfile& p) { p.max_concurrent_chats = 0; }, "invalid_max_chats",
       "max_concurrent_chats"},
      {"negative chats", [](AgentProfile& p) { p.max_concurrent_chats = -2; }, "invalid_max_chats",
       "max_concurrent_chats"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    AgentProfile p = Alice();
    c.mutate(p);
    Harness<AgentDecider> fresh;
    CHECK(fresh.Reject(RegisterAgent{p}, Kind::kInvalid, c.code).field == c.field);
    Harness<AgentDecider> existing = AgentIn();
    CHECK(existing.Reject(UpdateAgentProfile{p}, Kind::kInvalid, c.code).field == c.field);
  }
  AgentProfile minimal;
  minimal.name = "Bob";
  Harness<AgentDecider> h;
  CHECK(h.Accept(RegisterAgent{minimal}) == Types{"AgentRegistered"});  // email etc. optional
}

TEST_CASE("agent: every status change is one event with from, to and reason", "[agent]") {
  Harness<AgentDecider> h = AgentIn();
  h.now = kT0 + Seconds(10);
  auto d = h.Run(ChangeAgentStatus{AgentStatus::kOnline, "shift start"});
  REQUIRE(Harness<AgentDecider>::TypesOf(d) == Types{"AgentStatusChanged"});
  const auto& e = std::get<AgentStatusChanged>(EventsOf(d)[0]);
  CHECK(e.from == AgentStatus::kOffline);
  CHECK(e.to == AgentStatus::kOnline);
  CHECK(e.reason == "shift start");
  CHECK(h.state.status == AgentStatus::kOnline);
  CHECK(h.state.status_reason == "shift start");
  CHECK(h.state.status_since == kT0 + Seconds(10));
  CHECK(CanTakeWork(h.state.status));

  for (AgentStatus s :
       {AgentStatus::kAway, AgentStatus::kBreak, AgentStatus::kOffline, AgentStatus::kOnline}) {
    INFO(ToString(s));
    const AgentStatus from = h.state.status;
    auto step = h.Run(ChangeAgentStatus{s, ""});
    REQUIRE_FALSE(IsRejected(step));
    const auto& changed = std::get<AgentStatusChanged>(EventsOf(step).at(0));
    CHECK(changed.from == from);
    CHECK(changed.to == s);
    CHECK(changed.reason == "manual");  // the default when none is given
    CHECK(h.state.status == s);
  }
}

TEST_CASE("agent: selecting the current status is a no-op", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kBreak);
  CHECK(h.Accept(ChangeAgentStatus{AgentStatus::kBreak, "again"}).empty());
  CHECK(h.state.status_reason == "test");
}

TEST_CASE("agent: on_call and wrap_up cannot be selected by hand", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);
  CHECK(h.Reject(ChangeAgentStatus{AgentStatus::kOnCall, ""}, Kind::kInvalid, "status_not_settable")
            .field == "status");
  h.Reject(ChangeAgentStatus{AgentStatus::kWrapUp, ""}, Kind::kInvalid, "status_not_settable");
  Harness<AgentDecider> wrapping = AgentIn(AgentStatus::kWrapUp);
  wrapping.Reject(ChangeAgentStatus{AgentStatus::kWrapUp, ""}, Kind::kInvalid,
                  "status_not_settable");
}

TEST_CASE("agent: no status change while holding a call", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnCall);
  for (AgentStatus s :
       {AgentStatus::kOffline, AgentStatus::kOnline, AgentStatus::kAway, AgentStatus::kBreak}) {
    INFO(ToString(s));
    CHECK(h.Reject(ChangeAgentStatus{s, ""}, Kind::kConflict, "agent_busy").holder == "call-1");
  }
}

TEST_CASE("agent: reserving for a call puts the agent on_call", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);
  h.now = kT0 + Seconds(30);
  CHECK(h.Accept(ReserveAgentForCall{"call-7"}) ==
        Types{"AgentCallReserved", "AgentStatusChanged"});
  CHECK(h.state.status == AgentStatus::kOnCall);
  CHECK(h.state.status_reason == "call_started");
  CHECK(h.state.active_call_id == "call-7");
  CHECK(h.state.return_status == AgentStatus::kOnline);
  CHECK(h.state.OnCall());
  CHECK_FALSE(CanTakeWork(h.state.status));
}

TEST_CASE("agent: reserving the same call again is a retry, another call is agent_busy",
          "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnCall);
  CHECK(h.Accept(ReserveAgentForCall{"call-1"}).empty());
  const Rejection r = h.Reject(ReserveAgentForCall{"call-2"}, Kind::kConflict, "agent_busy");
  CHECK(r.holder == "call-1");
  CHECK(h.state.active_call_id == "call-1");
}

TEST_CASE("agent: offline and break block outbound calls", "[agent]") {
  for (AgentStatus s : {AgentStatus::kOffline, AgentStatus::kBreak}) {
    INFO(ToString(s));
    Harness<AgentDecider> h = AgentIn(s);
    h.Reject(ReserveAgentForCall{"call-1"}, Kind::kConflict, "agent_unavailable");
  }
}

TEST_CASE("agent: a call id is required to reserve", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);
  CHECK(h.Reject(ReserveAgentForCall{""}, Kind::kInvalid, "call_id_required").field == "call_id");
}

TEST_CASE("agent: away may call out and returns to away", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kAway);
  h.Accept(ReserveAgentForCall{"call-1"});
  CHECK(h.state.return_status == AgentStatus::kAway);
  CHECK(h.Accept(ReleaseAgentCall{"call-1", 0}) ==
        Types{"AgentCallReleased", "AgentStatusChanged"});
  CHECK(h.state.status == AgentStatus::kAway);
  CHECK(h.state.status_reason == "call_ended");
  CHECK_FALSE(h.state.OnCall());
  CHECK_FALSE(h.state.return_status.has_value());
}

TEST_CASE("agent: release with wrap-up enters wrap_up with a deadline", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnCall);
  h.now = kT0 + Seconds(100);
  CHECK(h.Accept(ReleaseAgentCall{"call-1", 45}) ==
        Types{"AgentCallReleased", "AgentStatusChanged"});
  CHECK(h.state.status == AgentStatus::kWrapUp);
  CHECK(h.state.wrap_up_deadline == kT0 + Seconds(145));
  CHECK(h.state.active_call_id.empty());
  CHECK(h.state.return_status == AgentStatus::kOnline);
  CHECK(MayPlaceOutboundCall(h.state.status));
  CHECK_FALSE(CanTakeWork(h.state.status));
}

TEST_CASE("agent: releasing a call that is not the active one is a no-op", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnCall);
  CHECK(h.Accept(ReleaseAgentCall{"call-other", 0}).empty());
  CHECK(h.state.active_call_id == "call-1");
  Harness<AgentDecider> idle = AgentIn(AgentStatus::kOnline);
  CHECK(idle.Accept(ReleaseAgentCall{"call-1", 0}).empty());
}

TEST_CASE("agent: wrap-up length is validated", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnCall);
  CHECK(h.Reject(ReleaseAgentCall{"call-1", -1}, Kind::kInvalid, "invalid_wrap_up_seconds").field ==
        "wrap_up_seconds");
  h.Reject(ReleaseAgentCall{"call-1", 86'401}, Kind::kInvalid, "invalid_wrap_up_seconds");
  CHECK(h.state.OnCall());
}

TEST_CASE("agent: wrap-up expiry returns to the status before the call", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kWrapUp);
  const Timestamp deadline = *h.state.wrap_up_deadline;
  h.now = deadline;
  auto d = h.Run(ExpireAgentWrapUp{deadline});
  REQUIRE(Harness<AgentDecider>::TypesOf(d) == Types{"AgentStatusChanged"});
  const auto& e = std::get<AgentStatusChanged>(EventsOf(d)[0]);
  CHECK(e.from == AgentStatus::kWrapUp);
  CHECK(e.to == AgentStatus::kOnline);
  CHECK(e.reason == "wrap_up_expired");
  CHECK_FALSE(h.state.wrap_up_deadline.has_value());
  // The same timer firing twice is now stale.
  CHECK(h.Accept(ExpireAgentWrapUp{deadline}).empty());
}

TEST_CASE("agent: stale wrap-up timers are ignored", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kWrapUp);
  const Timestamp deadline = *h.state.wrap_up_deadline;
  CHECK(h.Accept(ExpireAgentWrapUp{deadline - 1}).empty());
  CHECK(h.state.status == AgentStatus::kWrapUp);
  // The agent finishes wrap-up by hand; the timer fires later and changes nothing.
  CHECK(h.Accept(ChangeAgentStatus{AgentStatus::kBreak, "lunch"}) == Types{"AgentStatusChanged"});
  CHECK_FALSE(h.state.wrap_up_deadline.has_value());
  CHECK(h.Accept(ExpireAgentWrapUp{deadline}).empty());
  CHECK(h.state.status == AgentStatus::kBreak);
}

TEST_CASE("agent: calling again from wrap-up keeps the original return status", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kAway);
  h.Accept(ReserveAgentForCall{"call-1"});
  h.Accept(ReleaseAgentCall{"call-1", 60});
  REQUIRE(h.state.status == AgentStatus::kWrapUp);
  auto d = h.Run(ReserveAgentForCall{"call-2"});
  REQUIRE_FALSE(IsRejected(d));
  CHECK(std::get<AgentStatusChanged>(EventsOf(d)[1]).from == AgentStatus::kWrapUp);
  CHECK(h.state.return_status == AgentStatus::kAway);
  CHECK_FALSE(h.state.wrap_up_deadline.has_value());
  h.Accept(ReleaseAgentCall{"call-2", 0});
  CHECK(h.state.status == AgentStatus::kAway);
}

TEST_CASE("agent: chat capacity is reserved and released", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);  // max 2 chats
  CHECK(h.Accept(ReserveAgentChat{"chat-1"}) == Types{"AgentChatReserved"});
  CHECK(h.Accept(ReserveAgentChat{"chat-1"}).empty());  // retry
  CHECK(h.Accept(ReserveAgentChat{"chat-2"}) == Types{"AgentChatReserved"});
  CHECK(h.state.CurrentLoad() == 2);
  CHECK_FALSE(h.state.HasChatCapacity());
  h.Reject(ReserveAgentChat{"chat-3"}, Kind::kConflict, "agent_at_capacity");
  CHECK(h.Accept(ReleaseAgentChat{"chat-1"}) == Types{"AgentChatReleased"});
  CHECK(h.Accept(ReleaseAgentChat{"chat-1"}).empty());  // not held any more
  CHECK(h.state.CurrentLoad() == 1);
  CHECK(h.Accept(ReserveAgentChat{"chat-3"}) == Types{"AgentChatReserved"});
  CHECK(h.state.active_chats == std::set<std::string>{"chat-2", "chat-3"});
}

TEST_CASE("agent: only an online agent takes chats", "[agent]") {
  for (AgentStatus s : {AgentStatus::kOffline, AgentStatus::kAway, AgentStatus::kBreak,
                        AgentStatus::kOnCall, AgentStatus::kWrapUp}) {
    INFO(ToString(s));
    Harness<AgentDecider> h = AgentIn(s);
    h.Reject(ReserveAgentChat{"chat-1"}, Kind::kConflict, "agent_unavailable");
  }
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);
  CHECK(h.Reject(ReserveAgentChat{""}, Kind::kInvalid, "chat_id_required").field == "chat_id");
}

TEST_CASE("agent: lowering capacity below the load keeps the chats", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);
  h.Accept(ReserveAgentChat{"chat-1"});
  h.Accept(ReserveAgentChat{"chat-2"});
  AgentProfile p = Alice();
  p.max_concurrent_chats = 1;
  h.Accept(UpdateAgentProfile{p});
  CHECK(h.state.CurrentLoad() == 2);
  h.Reject(ReserveAgentChat{"chat-3"}, Kind::kConflict, "agent_at_capacity");
}

TEST_CASE("agent: activity is recorded for audit and never changes the status", "[agent]") {
  Harness<AgentDecider> h = AgentIn(AgentStatus::kOnline);
  h.now = kT0 + Seconds(300);
  CHECK(h.Accept(RecordAgentActivity{"ON_CALL", "session-1", true, 300, "from softphone"}) ==
        Types{"AgentActivityRecorded"});
  CHECK(h.state.status == AgentStatus::kOnline);
  CHECK(h.state.last_activity_type == "ON_CALL");
  CHECK(h.state.last_activity_at == kT0 + Seconds(300));
  CHECK(
      h.Reject(RecordAgentActivity{"", "", false, 0, ""}, Kind::kInvalid, "activity_type_required")
          .field == "activity_type");
  CHECK(h.Reject(RecordAgentActivity{"IDLE", "", false, -5, ""}, Kind::kInvalid, "invalid_duration")
            .field == "duration_seconds");
}

}  // namespace
}  // namespace sb::domain
