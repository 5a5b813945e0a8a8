// Call decider: what providers report — dial attempts and out-of-order status webhooks.
#include <catch2/catch.hpp>

#include "domain/call_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {
namespace {

using testing::Harness;
using testing::Types;
using S = CallStatus;

Harness<CallDecider> LivePstnCall() {
  Harness<CallDecider> h;
  InitiateCall c;
  c.to_phone = "+14155550100";
  c.agent_id = "agent-1";
  c.channel = CallChannel::kPstn;
  c.mode = CallMode::kLive;
  h.Accept(c);
  return h;
}

DialAttempt Attempt(int number, const char* provider, const char* outcome) {
  DialAttempt a;
  a.number = number;
  a.provider_id = provider;
  a.provider_name = provider;
  a.provider_type = "twilio";
  a.outcome = outcome;
  a.latency_ms = 12;
  if (std::string(outcome) == "accepted") a.provider_call_id = std::string("CA-") + provider;
  if (std::string(outcome) == "failed") {
    a.retryable = true;
    a.http_status = 503;
    a.error = "twilio: HTTP 503";
  }
  return a;
}

TEST_CASE("call: every dial attempt is recorded; the accepted one names the provider's call",
          "[call][provider]") {
  auto h = LivePstnCall();
  CHECK(h.Accept(RecordDialAttempt{Attempt(1, "p1", "failed")}) == Types{"CallDialAttempted"});
  CHECK(h.state.provider_call_id.empty());
  h.Accept(RecordDialAttempt{Attempt(2, "p1", "skipped")});
  h.Accept(RecordDialAttempt{Attempt(3, "p2", "accepted")});
  CHECK(h.state.dial_attempts == 3);
  CHECK(h.state.provider_id == "p2");
  CHECK(h.state.provider_call_id == "CA-p2");
  CHECK(h.state.status == S::kInitiated);  // the provider's webhooks move it on

  DialAttempt nameless = Attempt(4, "", "failed");
  h.Reject(RecordDialAttempt{nameless}, Rejection::Kind::kInvalid, "invalid_attempt");
}

TEST_CASE("call: provider statuses never move a call backwards", "[call][provider]") {
  auto h = LivePstnCall();
  CHECK(h.Accept(ReportProviderStatus{S::kRinging, "ringing", 0}) == Types{"CallRinging"});
  CHECK(h.Accept(ReportProviderStatus{S::kRinging, "ringing", 0}).empty());  // duplicate
  CHECK(h.Accept(ReportProviderStatus{S::kConnected, "in-progress", 0}) == Types{"CallConnected"});
  CHECK(h.state.answered_by == "provider");
  CHECK(h.Accept(ReportProviderStatus{S::kRinging, "ringing", 0}).empty());  // late
  h.now += Seconds(42);
  CHECK(h.Accept(ReportProviderStatus{S::kCompleted, "completed", 42}) == Types{"CallEnded"});
  CHECK(h.state.status == S::kCompleted);
  CHECK(h.state.end_reason == "call_completed");
  CHECK(h.state.DurationSeconds() == 42);
  // After the end nothing moves it, not even another end.
  CHECK(h.Accept(ReportProviderStatus{S::kRinging, "ringing", 0}).empty());
  CHECK(h.Accept(ReportProviderStatus{S::kFailed, "failed", 0}).empty());
  CHECK(h.state.status == S::kCompleted);
}

TEST_CASE("call: a completed status whose answer was never reported is still answered",
          "[call][provider]") {
  auto h = LivePstnCall();
  h.now += Seconds(90);
  CHECK(h.Accept(ReportProviderStatus{S::kCompleted, "completed", 60}) ==
        Types{"CallConnected", "CallEnded"});
  CHECK(h.state.status == S::kCompleted);
  CHECK(h.state.DurationSeconds() == 60);

  auto unanswered = LivePstnCall();
  unanswered.Accept(ReportProviderStatus{S::kRinging, "ringing", 0});
  CHECK(unanswered.Accept(ReportProviderStatus{S::kCompleted, "completed", 0}) ==
        Types{"CallEnded"});
  CHECK(unanswered.state.status == S::kNoAnswer);
}

TEST_CASE("call: provider failures end an unanswered call with the provider's word",
          "[call][provider]") {
  for (S end : {S::kBusy, S::kNoAnswer, S::kFailed, S::kCanceled}) {
    auto h = LivePstnCall();
    h.Accept(ReportProviderStatus{S::kRinging, "", 0});
    CHECK(h.Accept(ReportProviderStatus{end, "busy-or-so", 0}) == Types{"CallEnded"});
    CHECK(h.state.status == end);
    CHECK(h.state.end_reason == "busy-or-so");
  }
  auto answered = LivePstnCall();
  answered.Accept(ReportProviderStatus{S::kConnected, "", 0});
  answered.Accept(ReportProviderStatus{S::kBusy, "busy", 0});
  CHECK(answered.state.status == S::kCompleted);  // an answered call cannot turn busy
}

}  // namespace
}  // namespace sb::domain
