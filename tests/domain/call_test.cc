// Call decider: every transition and every rejection.
#include <catch2/catch.hpp>

#include "domain/call_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {
namespace {

using testing::Harness;
using testing::kT0;
using testing::Types;
using Kind = Rejection::Kind;
using S = CallStatus;

// Seed 001's initiate body.
InitiateCall SeedInitiate(CallChannel channel = CallChannel::kPstn,
                          CallMode mode = CallMode::kMock) {
  InitiateCall c;
  c.to_phone = "+1234567890";
  c.phone_type = "EXTERNAL";
  c.lead_id = "lead-uuid";
  c.agent_id = "agent-uuid";
  c.contact_name = "John Doe";
  c.contact_email = "john@example.com";
  c.campaign_id = "campaign-uuid";
  c.metadata = R"({ "custom_field" : "value" })";
  c.from_phone = "+0987654321";
  c.channel = channel;
  c.mode = mode;
  return c;
}

Harness<CallDecider> CallIn(S status, CallChannel channel = CallChannel::kPstn) {
  Harness<CallDecider> h;
  h.Accept(SeedInitiate(channel));
  if (status == S::kInitiated) return h;
  h.now += Seconds(2);
  if (status != S::kConnected && status != S::kCompleted) {
    h.Accept(RingCall{});
    if (status != S::kRinging) h.Accept(SetCallStatus{status, ""});
  } else {
    h.Accept(RingCall{});
    h.Accept(ConnectCall{});
    if (status == S::kCompleted) h.Accept(EndCall{""});
  }
  REQUIRE(h.state.status == status);
  return h;
}

const S kTerminals[] = {S::kCompleted, S::kRejected, S::kCanceled, S::kNoAnswer,
                        S::kBusy,      S::kFailed,   S::kTimeout};

TEST_CASE("call: every command but InitiateCall is 404 before initiation", "[call]") {
  const CallCommand commands[] = {
      RingCall{},
      AcceptCall{},
      RejectCall{""},
      CancelCall{""},
      ConnectCall{},
      EndCall{""},
      SetCallStatus{S::kRinging, ""},
      TimeoutCall{kT0},
      ReportCustomerOffline{},
      RecordCallOutcome{CallOutcome::kOrdered, "ok", std::nullopt},
  };
  for (const CallCommand& c : commands) {
    Harness<CallDecider> h;
    h.Reject(c, Kind::kNotFound, "call_not_found");
  }
}

TEST_CASE("call: initiation records the seed-001 session and the ring deadline", "[call]") {
  Harness<CallDecider> h;
  auto d = h.Run(SeedInitiate());
  REQUIRE(Harness<CallDecider>::TypesOf(d) == Types{"CallInitiated"});
  const auto& e = std::get<CallInitiated>(EventsOf(d)[0]);
  CHECK(e.metadata == R"({"custom_field":"value"})");  // canonical
  CHECK(e.deadline == kT0 + Seconds(30));
  const CallState& s = h.state;
  CHECK(s.exists);
  CHECK(s.status == S::kInitiated);
  CHECK(s.direction == CallDirection::kOutbound);
  CHECK(s.channel == CallChannel::kPstn);
  CHECK(s.mode == CallMode::kMock);
  CHECK(s.to_phone == "+1234567890");
  CHECK(s.from_phone == "+0987654321");
  CHECK(s.phone_type == "EXTERNAL");
  CHECK(s.lead_id == "lead-uuid");
  CHECK(s.agent_id == "agent-uuid");
  CHECK(s.contact_name == "John Doe");
  CHECK(s.contact_email == "john@example.com");
  CHECK(s.campaign_id == "campaign-uuid");
  CHECK(s.ring_timeout_seconds == 30);
  CHECK(s.deadline == kT0 + Seconds(30));
  CHECK(s.initiated_at == kT0);
  CHECK_FALSE(s.ringing_at.has_value());
  CHECK_FALSE(s.IsTerminal());
  CHECK_FALSE(TaskDone(s));
}

TEST_CASE("call: initiation defaults", "[call]") {
  InitiateCall c;
  c.to_phone = "+14155550123";
  c.agent_id = "agent-1";
  c.phone_type = "";
  c.ring_timeout_seconds = 45;
  Harness<CallDecider> h;
  h.Accept(c);
  CHECK(h.state.metadata == "{}");
  CHECK(h.state.phone_type == "EXTERNAL");
  CHECK(h.state.mode == CallMode::kLive);
  CHECK(h.state.deadline == kT0 + Seconds(45));
}

TEST_CASE("call: a call is initiated once", "[call]") {
  Harness<CallDecider> h = CallIn(S::kRinging);
  h.Reject(SeedInitiate(), Kind::kConflict, "already_initiated");
}

TEST_CASE("call: initiation validation", "[call]") {
  struct Case {
    const char* what;
    void (*mutate)(InitiateCall&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"missing phone", [](InitiateCall& c) { c.to_phone = ""; }, "phone_required", "to_phone"},
      {"national phone", [](InitiateCall& c) { c.to_phone = "01712345678"; }, "invalid_phone",
       "to_phone"},
      {"formatted phone", [](InitiateCall& c) { c.to_phone = "+1 234 567 890"; }, "invalid_phone",
       "to_phone"},
      {"outbound without agent", [](InitiateCall& c) { c.agent_id = ""; }, "agent_required",
       "agent_id"},
      {"in-app without lead",
       [](InitiateCall& c) {
         c.channel = CallChannel::kInApp;
         c.lead_id = "";
       },
       "lead_required", "lead_id"},
      {"bad contact email", [](InitiateCall& c) { c.contact_email = "john@"; }, "invalid_email",
       "contact_email"},
      {"zero timeout", [](InitiateCall& c) { c.ring_timeout_seconds = 0; }, "invalid_ring_timeout",
       "ring_timeout_seconds"},
      {"huge timeout", [](InitiateCall& c) { c.ring_timeout_seconds = 3601; },
       "invalid_ring_timeout", "ring_timeout_seconds"},
      {"metadata not JSON", [](InitiateCall& c) { c.metadata = "{custom"; }, "invalid_metadata",
       "metadata"},
      {"metadata not an object", [](InitiateCall& c) { c.metadata = "[1,2]"; }, "invalid_metadata",
       "metadata"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    InitiateCall command = SeedInitiate();
    c.mutate(command);
    Harness<CallDecider> h;
    CHECK(h.Reject(command, Kind::kInvalid, c.code).field == c.field);
    CHECK_FALSE(h.state.exists);
  }
  InitiateCall inbound = SeedInitiate();
  inbound.direction = CallDirection::kInbound;
  inbound.agent_id = "";
  Harness<CallDecider> h;
  CHECK(h.Accept(inbound) == Types{"CallInitiated"});  // routed to an agent later
}

TEST_CASE("call: ringing", "[call]") {
  Harness<CallDecider> h = CallIn(S::kInitiated);
  h.now = kT0 + Seconds(1);
  CHECK(h.Accept(RingCall{}) == Types{"CallRinging"});
  CHECK(h.state.status == S::kRinging);
  CHECK(h.state.ringing_at == kT0 + Seconds(1));
  CHECK(h.state.deadline == kT0 + Seconds(30));  // ringing does not restart the deadline
  CHECK(h.Accept(RingCall{}).empty());           // duplicate webhook
}

TEST_CASE("call: illegal transitions are 409 and name from and to", "[call]") {
  Harness<CallDecider> connected = CallIn(S::kConnected);
  const Rejection r = connected.Reject(RingCall{}, Kind::kConflict, "illegal_transition");
  CHECK(r.message.find("CONNECTED") != std::string::npos);
  CHECK(r.message.find("RINGING") != std::string::npos);
  connected.Reject(CancelCall{""}, Kind::kConflict, "illegal_transition");
  connected.Reject(SetCallStatus{S::kTimeout, ""}, Kind::kConflict, "illegal_transition");
  connected.Reject(SetCallStatus{S::kInitiated, ""}, Kind::kConflict, "illegal_transition");
  Harness<CallDecider> ringing = CallIn(S::kRinging);
  ringing.Reject(SetCallStatus{S::kCompleted, ""}, Kind::kConflict, "illegal_transition");
  ringing.Reject(SetCallStatus{S::kInitiated, ""}, Kind::kConflict, "illegal_transition");
}

TEST_CASE("call: nothing leaves a terminal state", "[call]") {
  for (S terminal : kTerminals) {
    INFO(ToString(terminal));
    Harness<CallDecider> h = CallIn(terminal);
    h.Reject(RingCall{}, Kind::kConflict, "illegal_transition");
    h.Reject(ConnectCall{}, Kind::kConflict, "illegal_transition");
    for (S other : kTerminals) {
      if (other != terminal) {
        h.Reject(SetCallStatus{other, ""}, Kind::kConflict, "illegal_transition");
      }
    }
    CHECK(h.Accept(SetCallStatus{terminal, ""}).empty());  // same status: duplicate
    CHECK(h.Accept(EndCall{"again"}).empty());             // ending is idempotent
    CHECK(h.state.status == terminal);
    CHECK(h.state.IsTerminal());
  }
}

TEST_CASE("call: the customer accepts an in-app call", "[call]") {
  for (S from : {S::kInitiated, S::kRinging}) {
    INFO(ToString(from));
    Harness<CallDecider> h = CallIn(from, CallChannel::kInApp);
    h.now = kT0 + Seconds(7);
    CHECK(h.Accept(AcceptCall{}) == Types{"CallConnected"});
    CHECK(h.state.status == S::kConnected);
    CHECK(h.state.answered_by == "customer");
    CHECK(h.state.connected_at == kT0 + Seconds(7));
    CHECK_FALSE(h.state.deadline.has_value());
    CHECK(h.Accept(AcceptCall{}).empty());  // double click
  }
}

TEST_CASE("call: the customer rejects an in-app call", "[call]") {
  for (S from : {S::kInitiated, S::kRinging}) {
    INFO(ToString(from));
    Harness<CallDecider> h = CallIn(from, CallChannel::kInApp);
    CHECK(h.Accept(RejectCall{""}) == Types{"CallEnded"});
    CHECK(h.state.status == S::kRejected);
    CHECK(h.state.end_reason == "rejected_by_customer");
    CHECK(h.state.ended_at == h.now);
    CHECK(h.state.DurationSeconds() == 0);
    CHECK(h.Accept(RejectCall{""}).empty());
  }
  Harness<CallDecider> connected = CallIn(S::kConnected, CallChannel::kInApp);
  connected.Reject(RejectCall{""}, Kind::kConflict, "illegal_transition");
}

TEST_CASE("call: accept and reject exist only for in-app calls", "[call]") {
  Harness<CallDecider> h = CallIn(S::kRinging, CallChannel::kPstn);
  h.Reject(AcceptCall{}, Kind::kConflict, "not_in_app");
  h.Reject(RejectCall{""}, Kind::kConflict, "not_in_app");
}

TEST_CASE("call: an accept that loses the race against the timeout is 409", "[call]") {
  Harness<CallDecider> h = CallIn(S::kRinging, CallChannel::kInApp);
  h.now = *h.state.deadline;
  CHECK(h.Accept(TimeoutCall{*h.state.deadline}) == Types{"CallEnded"});
  h.Reject(AcceptCall{}, Kind::kConflict, "illegal_transition");
  h.Reject(RejectCall{""}, Kind::kConflict, "illegal_transition");
}

TEST_CASE("call: the agent cancels before an answer", "[call]") {
  for (S from : {S::kInitiated, S::kRinging}) {
    INFO(ToString(from));
    Harness<CallDecider> h = CallIn(from, CallChannel::kInApp);
    CHECK(h.Accept(CancelCall{""}) == Types{"CallEnded"});
    CHECK(h.state.status == S::kCanceled);
    CHECK(h.state.end_reason == "canceled_by_agent");
    CHECK_FALSE(h.state.deadline.has_value());
    CHECK(h.Accept(CancelCall{""}).empty());
  }
  Harness<CallDecider> rejected = CallIn(S::kRejected, CallChannel::kInApp);
  rejected.Reject(CancelCall{""}, Kind::kConflict, "illegal_transition");
}

TEST_CASE("call: the provider connects a PSTN call, also straight from INITIATED", "[call]") {
  Harness<CallDecider> h = CallIn(S::kInitiated);
  CHECK(h.Accept(ConnectCall{}) == Types{"CallConnected"});
  CHECK(h.state.status == S::kConnected);
  CHECK(h.state.answered_by == "provider");
  CHECK_FALSE(h.state.ringing_at.has_value());
  CHECK(h.Accept(ConnectCall{}).empty());
}

TEST_CASE("call: ending a connected call completes it, duration from event instants", "[call]") {
  Harness<CallDecider> h = CallIn(S::kRinging);
  h.now = kT0 + 5'500'000;  // connected at 5.5 s
  h.Accept(ConnectCall{});
  h.now = kT0 + 185'900'000;  // ended at 185.9 s
  CHECK(h.Accept(EndCall{"customer_hung_up"}) == Types{"CallEnded"});
  CHECK(h.state.status == S::kCompleted);
  CHECK(h.state.end_reason == "customer_hung_up");
  CHECK(h.state.ended_at == kT0 + 185'900'000);
  CHECK(h.state.DurationSeconds() == 180);
  CHECK(h.state.IsTerminal());
  CHECK_FALSE(TaskDone(h.state));  // no outcome yet
}

TEST_CASE("call: End defaults its reason and cancels an unanswered call", "[call]") {
  Harness<CallDecider> connected = CallIn(S::kConnected);
  connected.Accept(EndCall{""});
  CHECK(connected.state.end_reason == "call_completed");
  Harness<CallDecider> ringing = CallIn(S::kRinging);
  CHECK(ringing.Accept(EndCall{""}) == Types{"CallEnded"});
  CHECK(ringing.state.status == S::kCanceled);
  CHECK(ringing.state.end_reason == "canceled_by_agent");
  Harness<CallDecider> initiated = CallIn(S::kInitiated);
  initiated.Accept(EndCall{"agent_hung_up"});
  CHECK(initiated.state.status == S::kCanceled);
  CHECK(initiated.state.end_reason == "agent_hung_up");
}

TEST_CASE("call: a mock call is driven through its states by SetCallStatus", "[call]") {
  Harness<CallDecider> h = CallIn(S::kInitiated);
  CHECK(h.Accept(SetCallStatus{S::kRinging, ""}) == Types{"CallRinging"});
  CHECK(h.Accept(SetCallStatus{S::kRinging, ""}).empty());
  h.now += Seconds(4);
  CHECK(h.Accept(SetCallStatus{S::kConnected, ""}) == Types{"CallConnected"});
  CHECK(h.state.answered_by == "status_api");
  h.now += Seconds(60);
  CHECK(h.Accept(SetCallStatus{S::kCompleted, ""}) == Types{"CallEnded"});
  CHECK(h.state.status == S::kCompleted);
  CHECK(h.state.end_reason == "call_completed");
  CHECK(h.state.DurationSeconds() == 60);
}

TEST_CASE("call: SetCallStatus reaches every failure state from INITIATED and RINGING", "[call]") {
  const std::pair<S, const char*> failures[] = {
      {S::kRejected, "rejected"}, {S::kCanceled, "canceled"}, {S::kNoAnswer, "no_answer"},
      {S::kBusy, "busy"},         {S::kFailed, "failed"},     {S::kTimeout, "timeout"},
  };
  for (S from : {S::kInitiated, S::kRinging}) {
    for (const auto& [to, reason] : failures) {
      INFO(ToString(from) << " -> " << ToString(to));
      Harness<CallDecider> h = CallIn(from);
      CHECK(h.Accept(SetCallStatus{to, ""}) == Types{"CallEnded"});
      CHECK(h.state.status == to);
      CHECK(h.state.end_reason == reason);
      CHECK_FALSE(h.state.deadline.has_value());
    }
  }
  Harness<CallDecider> h = CallIn(S::kRinging);
  h.Accept(SetCallStatus{S::kBusy, "SIP 486"});
  CHECK(h.state.end_reason == "SIP 486");
}

TEST_CASE("call: a connected call can fail (media dropped)", "[call]") {
  Harness<CallDecider> h = CallIn(S::kConnected);
  CHECK(h.Accept(SetCallStatus{S::kFailed, "media_timeout"}) == Types{"CallEnded"});
  CHECK(h.state.status == S::kFailed);
  CHECK(h.state.end_reason == "media_timeout");
}

TEST_CASE("call: the ring deadline times the call out", "[call]") {
  for (S from : {S::kInitiated, S::kRinging}) {
    INFO(ToString(from));
    Harness<CallDecider> h = CallIn(from, CallChannel::kInApp);
    const Timestamp deadline = *h.state.deadline;
    h.now = deadline;
    CHECK(h.Accept(TimeoutCall{deadline}) == Types{"CallEnded"});
    CHECK(h.state.status == S::kTimeout);
    CHECK(h.state.end_reason == "timeout");
    CHECK(h.state.ended_at == deadline);
    CHECK(h.Accept(TimeoutCall{deadline}).empty());  // fired twice
  }
}

TEST_CASE("call: stale ring timers are ignored", "[call]") {
  Harness<CallDecider> ringing = CallIn(S::kRinging);
  const Timestamp deadline = *ringing.state.deadline;
  CHECK(ringing.Accept(TimeoutCall{deadline + 1}).empty());
  CHECK(ringing.Accept(TimeoutCall{deadline - Seconds(30)}).empty());
  CHECK(ringing.state.status == S::kRinging);

  Harness<CallDecider> connected = CallIn(S::kConnected);
  CHECK(connected.Accept(TimeoutCall{kT0 + Seconds(30)}).empty());
  CHECK(connected.state.status == S::kConnected);

  Harness<CallDecider> rejected = CallIn(S::kRejected, CallChannel::kInApp);
  CHECK(rejected.Accept(TimeoutCall{kT0 + Seconds(30)}).empty());
  CHECK(rejected.state.status == S::kRejected);
}

TEST_CASE("call: after a restart the deadline from the snapshot still fires", "[call]") {
  Harness<CallDecider> h = CallIn(S::kRinging, CallChannel::kInApp);
  auto restored = CallDecider::DecodeState(CallDecider::EncodeState(h.state));
  REQUIRE(restored.ok());
  REQUIRE(restored->deadline == kT0 + Seconds(30));
  auto d = CallDecider::Decide(*restored, TimeoutCall{kT0 + Seconds(30)}, kT0 + Seconds(31));
  REQUIRE_FALSE(IsRejected(d));
  REQUIRE(EventsOf(d).size() == 1);
  CHECK(std::get<CallEnded>(EventsOf(d)[0]).status == S::kTimeout);
}

TEST_CASE("call: the customer going offline ends an unanswered in-app call", "[call]") {
  for (S from : {S::kInitiated, S::kRinging}) {
    INFO(ToString(from));
    Harness<CallDecider> h = CallIn(from, CallChannel::kInApp);
    CHECK(h.Accept(ReportCustomerOffline{}) == Types{"CallEnded"});
    CHECK(h.state.status == S::kFailed);
    CHECK(h.state.end_reason == "customer_offline");
    CHECK(h.Accept(ReportCustomerOffline{}).empty());
  }
  Harness<CallDecider> pstn = CallIn(S::kRinging, CallChannel::kPstn);
  CHECK(pstn.Accept(ReportCustomerOffline{}).empty());
  CHECK(pstn.state.status == S::kRinging);
  Harness<CallDecider> connected = CallIn(S::kConnected, CallChannel::kInApp);
  CHECK(connected.Accept(ReportCustomerOffline{}).empty());
  CHECK(connected.state.status == S::kConnected);
}

TEST_CASE("call: the outcome is recorded only after the call ends", "[call]") {
  for (S live : {S::kInitiated, S::kRinging, S::kConnected}) {
    INFO(ToString(live));
    Harness<CallDecider> h = CallIn(live);
    h.Reject(RecordCallOutcome{CallOutcome::kOrdered, "ordered 2 items", std::nullopt},
             Kind::kConflict, "call_not_ended");
  }
  for (S terminal : kTerminals) {
    INFO(ToString(terminal));
    Harness<CallDecider> h = CallIn(terminal);
    CHECK(h.Accept(RecordCallOutcome{CallOutcome::kNoResponse, "no answer", std::nullopt}) ==
          Types{"CallOutcomeRecorded"});
    CHECK(TaskDone(h.state));
  }
}

TEST_CASE("call: an outcome needs notes", "[call]") {
  Harness<CallDecider> h = CallIn(S::kCompleted);
  for (const char* blank : {"", "   ", "\n\t"}) {
    CHECK(h.Reject(RecordCallOutcome{CallOutcome::kOrdered, blank, std::nullopt}, Kind::kInvalid,
                   "notes_required")
              .field == "notes");
  }
  CHECK(h.Reject(RecordCallOutcome{CallOutcome::kOrdered, std::string(10'001, 'x'), std::nullopt},
                 Kind::kInvalid, "notes_too_long")
            .field == "notes");
  CHECK_FALSE(TaskDone(h.state));
}

TEST_CASE("call: Follow-up needs a future date", "[call]") {
  Harness<CallDecider> h = CallIn(S::kCompleted);
  CHECK(h.Reject(RecordCallOutcome{CallOutcome::kFollowUp, "call back", std::nullopt},
                 Kind::kInvalid, "follow_up_at_required")
            .field == "follow_up_at");
  CHECK(h.Reject(RecordCallOutcome{CallOutcome::kFollowUp, "call back", h.now}, Kind::kInvalid,
                 "follow_up_at_in_past")
            .field == "follow_up_at");
  h.Reject(RecordCallOutcome{CallOutcome::kFollowUp, "call back", h.now - Seconds(3600)},
           Kind::kInvalid, "follow_up_at_in_past");
  const Timestamp tomorrow = h.now + Seconds(86'400);
  CHECK(h.Accept(RecordCallOutcome{CallOutcome::kFollowUp, "call back", tomorrow}) ==
        Types{"CallOutcomeRecorded"});
  CHECK(h.state.outcome == CallOutcome::kFollowUp);
  CHECK(h.state.follow_up_at == tomorrow);
  CHECK(h.state.notes == "call back");
  CHECK(h.state.outcome_at == h.now);
  CHECK(TaskDone(h.state));
}

TEST_CASE("call: outcomes other than Follow-up drop a follow-up date", "[call]") {
  Harness<CallDecider> h = CallIn(S::kCompleted);
  h.Accept(RecordCallOutcome{CallOutcome::kPriceIssue, "too expensive", h.now + Seconds(60)});
  CHECK(h.state.outcome == CallOutcome::kPriceIssue);
  CHECK_FALSE(h.state.follow_up_at.has_value());
}

TEST_CASE("call: the same outcome again is a no-op, a different one replaces it", "[call]") {
  Harness<CallDecider> h = CallIn(S::kCompleted);
  const Timestamp later = h.now + Seconds(3600);
  h.Accept(RecordCallOutcome{CallOutcome::kFollowUp, "call back", later});
  CHECK(h.Accept(RecordCallOutcome{CallOutcome::kFollowUp, "call back", later}).empty());
  CHECK(h.Accept(RecordCallOutcome{CallOutcome::kOrdered, "ordered after all", std::nullopt}) ==
        Types{"CallOutcomeRecorded"});
  CHECK(h.state.outcome == CallOutcome::kOrdered);
  CHECK(h.state.notes == "ordered after all");
  CHECK_FALSE(h.state.follow_up_at.has_value());
  for (CallOutcome o : {CallOutcome::kNotInterested, CallOutcome::kPriceIssue,
                        CallOutcome::kNoResponse, CallOutcome::kOrdered}) {
    h.Accept(RecordCallOutcome{o, std::string("note for ") + ToString(o), std::nullopt});
    CHECK(h.state.outcome == o);
  }
}

TEST_CASE("call: the seed-000 in-app flow end to end", "[call]") {
  Harness<CallDecider> h;
  h.Accept(SeedInitiate(CallChannel::kInApp, CallMode::kLive));
  h.now += Seconds(1);
  h.Accept(RingCall{});
  h.now += Seconds(9);
  h.Accept(AcceptCall{});
  h.now += Seconds(125);
  h.Accept(EndCall{""});
  CHECK(h.state.status == S::kCompleted);
  CHECK(h.state.initiated_at == kT0);
  CHECK(h.state.ringing_at == kT0 + Seconds(1));
  CHECK(h.state.connected_at == kT0 + Seconds(10));
  CHECK(h.state.ended_at == kT0 + Seconds(135));
  CHECK(h.state.DurationSeconds() == 125);
  h.Accept(RecordCallOutcome{CallOutcome::kOrdered, "ordered", std::nullopt});
  CHECK(TaskDone(h.state));
}

}  // namespace
}  // namespace sb::domain
