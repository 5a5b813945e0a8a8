// Value types of the domain: phone and e-mail checks, timestamps, enum spellings, the call
// transition table.
#include <catch2/catch.hpp>

#include <limits>

#include "domain/agent_status.h"
#include "domain/call_attributes.h"
#include "domain/call_outcome.h"
#include "domain/call_status.h"
#include "domain/email.h"
#include "domain/phone.h"
#include "domain/rejection.h"
#include "domain/time.h"

namespace sb::domain {
namespace {

TEST_CASE("E.164 accepts + and 7 to 15 digits without a leading zero", "[values][phone]") {
  CHECK(IsValidE164("+1234567890"));       // seed 001
  CHECK(IsValidE164("+14155550123"));      // US
  CHECK(IsValidE164("+8801712345678"));    // Bangladesh (seed 002's market)
  CHECK(IsValidE164("+6834002"));          // Niue: 7 digits, the shortest
  CHECK(IsValidE164("+123456789012345"));  // 15 digits, the maximum
}

TEST_CASE("E.164 rejects everything else", "[values][phone]") {
  CHECK_FALSE(IsValidE164(""));
  CHECK_FALSE(IsValidE164("+"));
  CHECK_FALSE(IsValidE164("1234567890"));         // no +
  CHECK_FALSE(IsValidE164("+0987654321"));        // country code cannot start with 0
  CHECK_FALSE(IsValidE164("+123456"));            // 6 digits
  CHECK_FALSE(IsValidE164("+1234567890123456"));  // 16 digits
  CHECK_FALSE(IsValidE164("+1 415 555 0123"));    // display form
  CHECK_FALSE(IsValidE164("+1-415-555-0123"));
  CHECK_FALSE(IsValidE164("+1(415)5550123"));
  CHECK_FALSE(IsValidE164("+1415555012a"));
  CHECK_FALSE(IsValidE164("++14155550123"));
  CHECK_FALSE(IsValidE164(" +14155550123"));
}

TEST_CASE("e-mail plausibility", "[values][email]") {
  CHECK(IsPlausibleEmail("john@example.com"));
  CHECK(IsPlausibleEmail("a.b+tag@mail.example.co.uk"));
  CHECK_FALSE(IsPlausibleEmail(""));
  CHECK_FALSE(IsPlausibleEmail("john"));
  CHECK_FALSE(IsPlausibleEmail("@example.com"));
  CHECK_FALSE(IsPlausibleEmail("john@"));
  CHECK_FALSE(IsPlausibleEmail("john@example"));
  CHECK_FALSE(IsPlausibleEmail("john@.com"));
  CHECK_FALSE(IsPlausibleEmail("john@example."));
  CHECK_FALSE(IsPlausibleEmail("jo hn@example.com"));
  CHECK_FALSE(IsPlausibleEmail("a@b@example.com"));
}

TEST_CASE("timestamps format as RFC 3339 UTC", "[values][time]") {
  CHECK(FormatTimestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatTimestamp(Seconds(1'764'757'800)) == "2025-12-03T10:30:00Z");
  CHECK(FormatTimestamp(Seconds(1'764'757'800) + 250'000) == "2025-12-03T10:30:00.250000Z");
  CHECK(FormatTimestamp(Seconds(1'709'164'800)) == "2024-02-29T00:00:00Z");
  CHECK(FormatTimestamp(-1) == "1969-12-31T23:59:59.999999Z");
  CHECK(FormatTimestamp(Seconds(-1)) == "1969-12-31T23:59:59Z");
}

TEST_CASE("formatting any instant is defined, even absurd ones", "[values][time]") {
  // Corrupt data must not crash a snapshot or a REST answer (UBSan runs this too).
  CHECK_FALSE(FormatTimestamp(std::numeric_limits<Timestamp>::min()).empty());
  CHECK_FALSE(FormatTimestamp(std::numeric_limits<Timestamp>::max()).empty());
}

TEST_CASE("timestamps parse from RFC 3339 with any offset", "[values][time]") {
  const Timestamp t = Seconds(1'764'757'800);
  CHECK(*ParseTimestamp("2025-12-03T10:30:00Z") == t);
  CHECK(*ParseTimestamp("2025-12-03t10:30:00z") == t);
  CHECK(*ParseTimestamp("2025-12-03T16:30:00+06:00") == t);  // Dhaka
  CHECK(*ParseTimestamp("2025-12-03T05:30:00-05:00") == t);
  CHECK(*ParseTimestamp("2025-12-03T10:30:00.25Z") == t + 250'000);
  CHECK(*ParseTimestamp("2025-12-03T10:30:00.123456789Z") == t + 123'456);  // truncated
  CHECK(*ParseTimestamp("2024-02-29T00:00:00Z") == Seconds(1'709'164'800));
  CHECK(*ParseTimestamp("1969-12-31T23:59:59.999999Z") == -1);
  for (Timestamp x :
       {Timestamp{0}, t, t + 1, t + 999'999, Timestamp{-1}, Seconds(253'402'300'799)}) {
    INFO(x);
    CHECK(*ParseTimestamp(FormatTimestamp(x)) == x);
  }
}

TEST_CASE("malformed timestamps are errors, not guesses", "[values][time]") {
  for (const char* bad :
       {"", "2025-12-03", "2025-12-03T10:30:00", "2025-12-03T10:30Z", "2025-12-03 10:30:00Z",
        "2025-13-03T10:30:00Z", "2025-02-29T10:30:00Z", "2025-12-32T10:30:00Z",
        "2025-12-03T24:00:00Z", "2025-12-03T10:60:00Z", "2025-12-03T10:30:60Z",
        "2025-12-03T10:30:00.Z", "2025-12-03T10:30:00+0600", "2025-12-03T10:30:00Zjunk",
        "20251203T103000Z", "2025-12-03T10:30:00+24:00", "abcd-ef-ghTij:kl:mnZ"}) {
    INFO(bad);
    auto r = ParseTimestamp(bad);
    CHECK_FALSE(r.ok());
    CHECK(r.status().IsInvalidArgument());
  }
}

TEST_CASE("agent statuses: spelling, work and outbound permissions", "[values][agent]") {
  struct Row {
    AgentStatus status;
    const char* text;
    bool can_take_work;
    bool may_call_out;
    bool system_managed;
  };
  const Row rows[] = {
      {AgentStatus::kOffline, "offline", false, false, false},
      {AgentStatus::kOnline, "online", true, true, false},
      {AgentStatus::kAway, "away", false, true, false},
      {AgentStatus::kBreak, "break", false, false, false},
      {AgentStatus::kOnCall, "on_call", false, true, true},
      {AgentStatus::kWrapUp, "wrap_up", false, true, true},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(std::string(ToString(row.status)) == row.text);
    CHECK(ParseAgentStatus(row.text) == row.status);
    CHECK(CanTakeWork(row.status) == row.can_take_work);
    CHECK(MayPlaceOutboundCall(row.status) == row.may_call_out);
    CHECK(IsSystemManaged(row.status) == row.system_managed);
  }
  CHECK_FALSE(ParseAgentStatus("Online").has_value());
  CHECK_FALSE(ParseAgentStatus("lunch").has_value());
}

TEST_CASE("call statuses: spelling and terminality", "[values][call]") {
  struct Row {
    CallStatus status;
    const char* text;
    bool terminal;
  };
  const Row rows[] = {
      {CallStatus::kInitiated, "INITIATED", false}, {CallStatus::kRinging, "RINGING", false},
      {CallStatus::kConnected, "CONNECTED", false}, {CallStatus::kCompleted, "COMPLETED", true},
      {CallStatus::kRejected, "REJECTED", true},    {CallStatus::kCanceled, "CANCELED", true},
      {CallStatus::kNoAnswer, "NO_ANSWER", true},   {CallStatus::kBusy, "BUSY", true},
      {CallStatus::kFailed, "FAILED", true},        {CallStatus::kTimeout, "TIMEOUT", true},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(std::string(ToString(row.status)) == row.text);
    CHECK(ParseCallStatus(row.text) == row.status);
    CHECK(IsTerminal(row.status) == row.terminal);
    for (CallStatus to : {CallStatus::kInitiated, CallStatus::kRinging, CallStatus::kConnected}) {
      if (row.terminal) CHECK_FALSE(IsLegalTransition(row.status, to));
    }
  }
  CHECK(ParseCallStatus("connected") == CallStatus::kConnected);
  CHECK(ParseCallStatus("no_answer") == CallStatus::kNoAnswer);
  CHECK_FALSE(ParseCallStatus("ANSWERED").has_value());
  CHECK_FALSE(ParseCallStatus("").has_value());
}

TEST_CASE("the call transition table is exactly the documented arrows", "[values][call]") {
  using S = CallStatus;
  const S all[] = {S::kInitiated, S::kRinging,  S::kConnected, S::kCompleted, S::kRejected,
                   S::kCanceled,  S::kNoAnswer, S::kBusy,      S::kFailed,    S::kTimeout};
  int legal = 0;
  for (S from : all) {
    for (S to : all) {
      if (IsLegalTransition(from, to)) ++legal;
    }
  }
  // INITIATED: 8 targets, RINGING: 7, CONNECTED: 2, terminals: 0.
  CHECK(legal == 17);
  CHECK(IsLegalTransition(S::kInitiated, S::kRinging));
  CHECK(IsLegalTransition(S::kInitiated, S::kConnected));
  CHECK(IsLegalTransition(S::kRinging, S::kConnected));
  CHECK(IsLegalTransition(S::kConnected, S::kCompleted));
  CHECK(IsLegalTransition(S::kConnected, S::kFailed));
  CHECK(IsLegalTransition(S::kRinging, S::kTimeout));
  CHECK_FALSE(IsLegalTransition(S::kInitiated, S::kCompleted));
  CHECK_FALSE(IsLegalTransition(S::kRinging, S::kCompleted));
  CHECK_FALSE(IsLegalTransition(S::kRinging, S::kInitiated));
  CHECK_FALSE(IsLegalTransition(S::kConnected, S::kRinging));
  CHECK_FALSE(IsLegalTransition(S::kConnected, S::kCanceled));
  CHECK_FALSE(IsLegalTransition(S::kConnected, S::kTimeout));
  CHECK_FALSE(IsLegalTransition(S::kRinging, S::kRinging));
}

TEST_CASE("call outcomes use the seed's labels and accept snake_case", "[values][call]") {
  CHECK(std::string(ToString(CallOutcome::kOrdered)) == "Ordered");
  CHECK(std::string(ToString(CallOutcome::kFollowUp)) == "Follow-up");
  CHECK(std::string(ToString(CallOutcome::kNotInterested)) == "Not Interested");
  CHECK(std::string(ToString(CallOutcome::kPriceIssue)) == "Price Issue");
  CHECK(std::string(ToString(CallOutcome::kNoResponse)) == "No Response");
  for (CallOutcome o : {CallOutcome::kOrdered, CallOutcome::kFollowUp, CallOutcome::kNotInterested,
                        CallOutcome::kPriceIssue, CallOutcome::kNoResponse}) {
    CHECK(ParseCallOutcome(ToString(o)) == o);
  }
  CHECK(ParseCallOutcome("follow_up") == CallOutcome::kFollowUp);
  CHECK(ParseCallOutcome("NOT INTERESTED") == CallOutcome::kNotInterested);
  CHECK(ParseCallOutcome("price_issue") == CallOutcome::kPriceIssue);
  CHECK_FALSE(ParseCallOutcome("Maybe").has_value());
  CHECK_FALSE(ParseCallOutcome("").has_value());
}

TEST_CASE("call direction, channel and mode spellings", "[values][call]") {
  CHECK(std::string(ToString(CallChannel::kInApp)) == "IN_APP");
  CHECK(std::string(ToString(CallChannel::kPstn)) == "PSTN");
  CHECK(std::string(ToString(CallMode::kMock)) == "mock");
  CHECK(std::string(ToString(CallMode::kLive)) == "live");
  CHECK(std::string(ToString(CallDirection::kOutbound)) == "OUTBOUND");
  CHECK(std::string(ToString(CallDirection::kInbound)) == "INBOUND");
  CHECK(ParseCallChannel("in_app") == CallChannel::kInApp);
  CHECK(ParseCallChannel("PSTN") == CallChannel::kPstn);
  CHECK(ParseCallMode("MOCK") == CallMode::kMock);
  CHECK(ParseCallDirection("inbound") == CallDirection::kInbound);
  CHECK_FALSE(ParseCallChannel("SIP").has_value());
  CHECK_FALSE(ParseCallMode("test").has_value());
  CHECK_FALSE(ParseCallDirection("sideways").has_value());
}

TEST_CASE("rejection kinds map to HTTP statuses", "[values]") {
  CHECK(HttpStatusOf(Rejection::Kind::kInvalid) == 422);
  CHECK(HttpStatusOf(Rejection::Kind::kConflict) == 409);
  CHECK(HttpStatusOf(Rejection::Kind::kNotFound) == 404);
  CHECK(HttpStatusOf(Rejection::Kind::kForbidden) == 403);
  const Rejection r = Rejection::Conflict("customer_busy", "busy", "call-1");
  CHECK(r.kind == Rejection::Kind::kConflict);
  CHECK(r.holder == "call-1");
  CHECK(r.field.empty());
  CHECK(Rejection::Invalid("invalid_phone", "m", "phone").field == "phone");
}

}  // namespace
}  // namespace sb::domain
