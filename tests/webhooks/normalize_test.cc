// Normalization: Twilio form posts, seed 004's JSON copies of them, and seed 001's generic
// events all become one ProviderCallEvent; dedup keys tell retries from new events; the
// progress order tells a late webhook from a real step.
#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "domain/call_status.h"
#include "domain/time.h"
#include "http/webhooks/call_event.h"
#include "http/webhooks/form_params.h"
#include "http/webhooks/generic_events.h"
#include "http/webhooks/twilio_events.h"

namespace {

using sb::domain::CallStatus;
using sb::webhooks::CallEventKind;
using sb::webhooks::FormParams;
using sb::webhooks::NormalizeGenericEvent;
using sb::webhooks::NormalizeTwilioForm;
using sb::webhooks::NormalizeTwilioJson;
using sb::webhooks::ProviderCallEvent;
using sb::webhooks::TwilioWebhook;

constexpr char kSid[] = "CA5e0a1f2b3c4d5e6f708192a3b4c5d6e7";

FormParams StatusCallback(std::string status) {
  return {{"AccountSid", "AC0123456789abcdef0123456789abcdef"},
          {"ApiVersion", "2010-04-01"},
          {"CallSid", kSid},
          {"CallStatus", std::move(status)},
          {"CallbackSource", "call-progress-events"},
          {"Direction", "outbound-api"},
          {"From", "+14155550100"},
          {"To", "+14155550199"},
          {"SequenceNumber", "2"},
          {"Timestamp", "Mon, 16 Aug 2010 03:45:01 +0000"}};
}

ProviderCallEvent Status(std::string status) {
  auto r = NormalizeTwilioForm(TwilioWebhook::kStatus, StatusCallback(std::move(status)));
  REQUIRE(r.ok());
  return *r;
}

std::string Error(const sb::Result<ProviderCallEvent>& r) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsInvalidArgument());
  return r.status().message();
}

FormParams With(FormParams params, const std::string& name, const std::string& value) {
  for (auto& [n, v] : params) {
    if (n == name) {
      v = value;
      return params;
    }
  }
  params.emplace_back(name, value);
  return params;
}

FormParams Without(FormParams params, const std::string& name) {
  FormParams out;
  for (auto& p : params) {
    if (p.first != name) out.push_back(p);
  }
  return out;
}

}  // namespace

TEST_CASE("Twilio: every CallStatus maps to its kind") {
  const std::pair<const char*, CallEventKind> cases[] = {
      {"queued", CallEventKind::kInitiated},   {"initiated", CallEventKind::kInitiated},
      {"ringing", CallEventKind::kRinging},    {"in-progress", CallEventKind::kAnswered},
      {"completed", CallEventKind::kEnded},    {"busy", CallEventKind::kBusy},
      {"no-answer", CallEventKind::kNoAnswer}, {"canceled", CallEventKind::kCanceled},
      {"failed", CallEventKind::kFailed},
  };
  for (const auto& [status, kind] : cases) {
    CAPTURE(status);
    const ProviderCallEvent e = Status(status);
    CHECK(e.kind == kind);
    CHECK(e.raw_status == status);
    CHECK(e.dedup_key == std::string(kSid) + "/" + status + "/2");
  }
  CHECK(Status("In-Progress").kind == CallEventKind::kAnswered);  // case-insensitive
  CHECK(Error(NormalizeTwilioForm(TwilioWebhook::kStatus, StatusCallback("answered"))) ==
        "CallStatus: unknown value \"answered\"");
  CHECK(Error(NormalizeTwilioForm(TwilioWebhook::kStatus, StatusCallback(""))) ==
        "CallStatus: unknown value \"\"");
}

TEST_CASE("Twilio: a status callback's fields land in the event") {
  FormParams params = With(StatusCallback("completed"), "CallDuration", "87");
  params.emplace_back("ParentCallSid", "CAparent");
  auto r = NormalizeTwilioForm(TwilioWebhook::kStatus, params);
  REQUIRE(r.ok());
  const ProviderCallEvent& e = *r;
  CHECK(e.provider == "twilio");
  CHECK(e.provider_call_id == kSid);
  CHECK(e.parent_call_id == "CAparent");
  CHECK(e.call_id.empty());  // Twilio correlates by CallSid, it echoes none of our ids
  CHECK(e.account_sid == "AC0123456789abcdef0123456789abcdef");
  CHECK(e.from == "+14155550100");
  CHECK(e.to == "+14155550199");
  CHECK(e.direction == "outbound");
  CHECK(e.raw_direction == "outbound-api");
  CHECK(e.duration_seconds == 87);
  CHECK(e.sequence == 2);
  CHECK(e.occurred_at == sb::domain::Seconds(1281930301));  // 2010-08-16T03:45:01Z
}

TEST_CASE("Twilio: Direction, Timestamp and optional fields") {
  CHECK(NormalizeTwilioForm(TwilioWebhook::kStatus,
                            With(StatusCallback("ringing"), "Direction", "outbound-dial"))
            ->direction == "outbound");
  CHECK(NormalizeTwilioForm(TwilioWebhook::kStatus,
                            With(StatusCallback("ringing"), "Direction", "inbound"))
            ->direction == "inbound");
  auto odd = NormalizeTwilioForm(TwilioWebhook::kStatus,
                                 With(StatusCallback("ringing"), "Direction", "trunking"));
  REQUIRE(odd.ok());
  CHECK(odd->direction.empty());
  CHECK(odd->raw_direction == "trunking");

  auto offset = NormalizeTwilioForm(
      TwilioWebhook::kStatus,
      With(StatusCallback("ringing"), "Timestamp", "16 Aug 2010 00:45:01 -0300"));
  REQUIRE(offset.ok());
  CHECK(offset->occurred_at == sb::domain::Seconds(1281930301));

  FormParams bare = {{"CallSid", kSid}, {"CallStatus", "ringing"}};
  auto minimal = NormalizeTwilioForm(TwilioWebhook::kStatus, bare);
  REQUIRE(minimal.ok());
  CHECK_FALSE(minimal->duration_seconds.has_value());
  CHECK_FALSE(minimal->sequence.has_value());
  CHECK_FALSE(minimal->occurred_at.has_value());
  CHECK(minimal->direction.empty());
  CHECK(minimal->dedup_key == std::string(kSid) + "/ringing");
}

TEST_CASE("Twilio: bad input is refused naming the field") {
  auto err = [](const FormParams& p) {
    return Error(NormalizeTwilioForm(TwilioWebhook::kStatus, p));
  };
  CHECK(err(Without(StatusCallback("ringing"), "CallSid")) == "CallSid: missing");
  CHECK(err(With(StatusCallback("ringing"), "CallSid", "  ")) == "CallSid: empty");
  CHECK(err(Without(StatusCallback("ringing"), "CallStatus")) == "CallStatus: missing");
  CHECK(err(With(StatusCallback("completed"), "CallDuration", "-1")) ==
        "CallDuration: not a non-negative integer");
  CHECK(err(With(StatusCallback("completed"), "CallDuration", "12s")) ==
        "CallDuration: not a non-negative integer");
  CHECK(err(With(StatusCallback("ringing"), "SequenceNumber", "x")) ==
        "SequenceNumber: not a non-negative integer");
  CHECK(err(With(StatusCallback("ringing"), "Timestamp", "2010-08-16")).rfind("Timestamp: ", 0) ==
        0);
  CHECK(err(With(StatusCallback("ringing"), "Timestamp", "Mon, 31 Feb 2010 03:45:01 +0000"))
            .rfind("Timestamp: ", 0) == 0);
  FormParams twice = StatusCallback("ringing");
  twice.emplace_back("CallStatus", "completed");
  CHECK(err(twice) == "CallStatus: repeated");
  CHECK(err(With(StatusCallback("ringing"), "From", "+1\r\nX: y")) ==
        "From: contains a control character");
}

TEST_CASE("Twilio: the incoming-call request of an inbound call is an inbound event") {
  const FormParams incoming = {{"AccountSid", "AC1"},     {"CallSid", kSid},
                               {"CallStatus", "ringing"}, {"Direction", "inbound"},
                               {"From", "+14155550100"},  {"To", "+14155550199"},
                               {"Caller", "+14155550100"}};
  auto r = NormalizeTwilioForm(TwilioWebhook::kIncoming, incoming);
  REQUIRE(r.ok());
  CHECK(r->kind == CallEventKind::kInbound);
  CHECK(r->direction == "inbound");
  CHECK(r->from == "+14155550100");
  CHECK(r->dedup_key == std::string(kSid) + "/inbound");

  // The same request on the status route is just ringing.
  CHECK(NormalizeTwilioForm(TwilioWebhook::kStatus, incoming)->kind == CallEventKind::kRinging);
  // An inbound call needs a caller.
  CHECK(Error(NormalizeTwilioForm(TwilioWebhook::kIncoming, Without(incoming, "From"))) ==
        "From: missing");
  // Not pre-answer, or not inbound: mapped as a status.
  CHECK(NormalizeTwilioForm(TwilioWebhook::kIncoming, With(incoming, "CallStatus", "in-progress"))
            ->kind == CallEventKind::kAnswered);
  CHECK(NormalizeTwilioForm(TwilioWebhook::kIncoming, With(incoming, "Direction", "outbound-api"))
            ->kind == CallEventKind::kRinging);
}

TEST_CASE("Twilio: dedup keys are equal for a retry and different for another event") {
  const auto key = [](const FormParams& p) {
    return NormalizeTwilioForm(TwilioWebhook::kStatus, p)->dedup_key;
  };
  const FormParams ringing = StatusCallback("ringing");
  // A retry: the same fields, even in another order or with the status in another case.
  FormParams reordered(ringing.rbegin(), ringing.rend());
  CHECK(key(ringing) == key(reordered));
  CHECK(key(ringing) == key(With(ringing, "CallStatus", "RINGING")));
  // Other events.
  CHECK(key(ringing) != key(StatusCallback("in-progress")));
  CHECK(key(ringing) != key(With(ringing, "SequenceNumber", "3")));
  CHECK(key(ringing) != key(With(ringing, "CallSid", "CAother")));
  CHECK(key(ringing) != key(Without(ringing, "SequenceNumber")));
}

TEST_CASE("Seed 004: the JSON incoming and status payloads") {
  // /api/webhooks/call/incoming, as seed 004's curl example posts it.
  auto incoming = NormalizeTwilioJson(TwilioWebhook::kIncoming, R"({
    "CallSid": "CA123", "From": "+1234567890", "To": "+0987654321",
    "CallStatus": "ringing", "Direction": "inbound"})");
  REQUIRE(incoming.ok());
  CHECK(incoming->provider == "twilio");
  CHECK(incoming->kind == CallEventKind::kInbound);
  CHECK(incoming->provider_call_id == "CA123");
  CHECK(incoming->from == "+1234567890");
  CHECK(incoming->to == "+0987654321");
  CHECK(incoming->dedup_key == "CA123/inbound");

  // /api/webhooks/call/status with seed 004's "Example Webhook Payload (Twilio)".
  auto status = NormalizeTwilioJson(TwilioWebhook::kStatus, R"({
    "CallSid": "CA1234567890", "From": "+1234567890", "To": "+0987654321",
    "CallStatus": "ringing", "Direction": "inbound", "CallDuration": "120"})");
  REQUIRE(status.ok());
  CHECK(status->kind == CallEventKind::kRinging);
  CHECK(status->duration_seconds == 120);
  CHECK(status->dedup_key == "CA1234567890/ringing");

  // Numbers may come as JSON numbers.
  auto completed = NormalizeTwilioJson(
      TwilioWebhook::kStatus,
      R"({"CallSid":"CA1","CallStatus":"completed","CallDuration":120,"SequenceNumber":4})");
  REQUIRE(completed.ok());
  CHECK(completed->kind == CallEventKind::kEnded);
  CHECK(completed->duration_seconds == 120);
  CHECK(completed->dedup_key == "CA1/completed/4");
}

TEST_CASE("Seed 004: malformed JSON is refused naming the field") {
  auto err = [](const char* body) {
    return Error(NormalizeTwilioJson(TwilioWebhook::kStatus, body));
  };
  CHECK(err("") == "body: not a JSON object");
  CHECK(err("{\"CallSid\":") == "body: not a JSON object");
  CHECK(err("[1,2]") == "body: not a JSON object");
  CHECK(err(R"({"CallStatus":"ringing"})") == "CallSid: missing");
  CHECK(err(R"({"CallSid":null,"CallStatus":"ringing"})") == "CallSid: missing");
  CHECK(err(R"({"CallSid":true,"CallStatus":"ringing"})") == "CallSid: not a string");
  CHECK(err(R"({"CallSid":"CA1","CallStatus":"ringing","CallDuration":1.5})") ==
        "CallDuration: not a string");
  CHECK(err(R"({"CallSid":"CA1","CallStatus":"ringing","CallDuration":-3})") ==
        "CallDuration: not a non-negative integer");
  CHECK(err(R"({"CallSid":"CA1","CallStatus":"ringingg"})") ==
        "CallStatus: unknown value \"ringingg\"");
}

namespace {

constexpr char kSeed001Body[] = R"({
  "event_type": "CALL_ANSWERED",
  "session_id": "sess_1234567890",
  "correlation_id": "corr_1234567890",
  "from_phone": "+0987654321",
  "to_phone": "+1234567890",
  "status": "CONNECTED",
  "timestamp": "2025-12-03T10:30:00Z"
})";

std::string GenericBody(const std::string& event_type, const std::string& extra = "") {
  return R"({"event_type":")" + event_type + R"(","session_id":"sess_1")" + extra + "}";
}

}  // namespace

TEST_CASE("Generic: seed 001's webhook body") {
  auto r = NormalizeGenericEvent("ASTERISK", kSeed001Body);
  REQUIRE(r.ok());
  const ProviderCallEvent& e = *r;
  CHECK(e.provider == "asterisk");
  CHECK(e.kind == CallEventKind::kAnswered);
  CHECK(e.raw_status == "CALL_ANSWERED");
  CHECK(e.call_id == "sess_1234567890");
  CHECK(e.correlation_id == "corr_1234567890");
  CHECK(e.from == "+0987654321");
  CHECK(e.to == "+1234567890");
  CHECK(e.occurred_at == sb::domain::Seconds(1764757800));
  CHECK(e.dedup_key.rfind("sha256:", 0) == 0);  // the seed's body has no event id
  CHECK(e.dedup_key.size() == 7 + 64);
}

TEST_CASE("Generic: every event type, with or without CALL_, in any case") {
  const std::pair<const char*, CallEventKind> cases[] = {
      {"CALL_INITIATED", CallEventKind::kInitiated},
      {"CALL_RINGING", CallEventKind::kRinging},
      {"RINGING", CallEventKind::kRinging},
      {"CALL_ANSWERED", CallEventKind::kAnswered},
      {"ANSWERED", CallEventKind::kAnswered},
      {"CALL_ENDED", CallEventKind::kEnded},
      {"ENDED", CallEventKind::kEnded},
      {"CALL_FAILED", CallEventKind::kFailed},
      {"FAILED", CallEventKind::kFailed},
      {"CALL_INBOUND", CallEventKind::kInbound},
      {"initiated", CallEventKind::kInitiated},
      {"answered", CallEventKind::kAnswered},
      {"ended", CallEventKind::kEnded},
      {"CALL_BUSY", CallEventKind::kBusy},
      {"no-answer", CallEventKind::kNoAnswer},
      {"CALL_NO_ANSWER", CallEventKind::kNoAnswer},
      {"CALL_CANCELLED", CallEventKind::kCanceled},
      {"completed", CallEventKind::kEnded},
  };
  for (const auto& [type, kind] : cases) {
    CAPTURE(type);
    auto r = NormalizeGenericEvent("exotel", GenericBody(type));
    REQUIRE(r.ok());
    CHECK(r->kind == kind);
  }
  CHECK(Error(NormalizeGenericEvent("exotel", GenericBody("CALL_HELD"))) ==
        "event_type: unknown value \"CALL_HELD\"");
}

TEST_CASE("Generic: an ENDED event with a failure status is that failure") {
  auto busy = NormalizeGenericEvent("sip", GenericBody("CALL_ENDED", R"(,"status":"BUSY")"));
  CHECK(busy->kind == CallEventKind::kBusy);
  auto no_answer =
      NormalizeGenericEvent("sip", GenericBody("CALL_ENDED", R"(,"status":"no_answer")"));
  CHECK(no_answer->kind == CallEventKind::kNoAnswer);
  auto completed =
      NormalizeGenericEvent("sip", GenericBody("CALL_ENDED", R"(,"status":"COMPLETED")"));
  CHECK(completed->kind == CallEventKind::kEnded);
  // Only ENDED is refined: an answered event stays answered whatever its status says.
  auto answered = NormalizeGenericEvent("sip", GenericBody("CALL_ANSWERED", R"(,"status":"BUSY")"));
  CHECK(answered->kind == CallEventKind::kAnswered);
}

TEST_CASE("Generic: ids, direction and numbers") {
  auto r = NormalizeGenericEvent(
      "mcube", R"({"event_type":"CALL_ENDED","call_id":"ours-1","session_id":"sess_9",
                   "provider_call_id":"mc-77","direction":"OUTBOUND","duration_seconds":"65",
                   "sequence":3,"event_id":"evt-42"})");
  REQUIRE(r.ok());
  CHECK(r->call_id == "ours-1");  // call_id wins over session_id
  CHECK(r->provider_call_id == "mc-77");
  CHECK(r->direction == "outbound");
  CHECK(r->duration_seconds == 65);
  CHECK(r->sequence == 3);
  CHECK(r->dedup_key == "event_id:evt-42");

  auto inbound = NormalizeGenericEvent(
      "asterisk", R"({"event_type":"CALL_INBOUND","provider_call_id":"1700000000.42",
                      "from_phone":"+14155550100","to_phone":"+14155550199"})");
  REQUIRE(inbound.ok());
  CHECK(inbound->kind == CallEventKind::kInbound);
  CHECK(inbound->direction == "inbound");
  CHECK(inbound->call_id.empty());

  auto numeric_id =
      NormalizeGenericEvent("sip", R"({"event_type":"RINGING","session_id":"s","event_id":7})");
  CHECK(numeric_id->dedup_key == "event_id:7");
}

TEST_CASE("Generic: bad input is refused naming the field") {
  auto err = [](const std::string& body) { return Error(NormalizeGenericEvent("sip", body)); };
  CHECK(err(R"({"session_id":"s"})") == "event_type: missing");
  CHECK(err(R"({"event_type":"RINGING"})") == "session_id: missing (or call_id, provider_call_id)");
  CHECK(err(R"({"event_type":"RINGING","session_id":""})") == "session_id: empty");
  CHECK(err(R"({"event_type":5,"session_id":"s"})") == "event_type: unknown value \"5\"");
  CHECK(err(R"({"event_type":["RINGING"],"session_id":"s"})") == "event_type: not a string");
  CHECK(err(GenericBody("RINGING", R"(,"timestamp":"yesterday")")).rfind("timestamp: ", 0) == 0);
  CHECK(err(GenericBody("RINGING", R"(,"timestamp":"2025-12-03T10:30:00")"))
            .rfind("timestamp: ", 0) == 0);
  CHECK(err(GenericBody("RINGING", R"(,"direction":"sideways")")) ==
        "direction: unknown value \"sideways\"");
  CHECK(err(GenericBody("CALL_INBOUND", R"(,"direction":"outbound")")) ==
        "direction: an INBOUND event cannot be outbound");
  CHECK(err(GenericBody("ENDED", R"(,"duration_seconds":"1m")")) ==
        "duration_seconds: not a non-negative integer");
  CHECK(err("not json") == "body: not a JSON object");
  CHECK(Error(NormalizeGenericEvent("", GenericBody("RINGING"))) == "provider: empty");
}

TEST_CASE("Generic: dedup keys follow event_id, else the exact body bytes") {
  const auto key = [](const std::string& provider, const std::string& body) {
    return NormalizeGenericEvent(provider, body)->dedup_key;
  };
  const std::string a = GenericBody("RINGING");
  CHECK(key("sip", a) == key("sip", a));  // a byte-identical retry
  CHECK(key("sip", a) != key("sip", GenericBody("ANSWERED")));
  CHECK(key("sip", a) != key("sip", GenericBody("RINGING", R"(,"sequence":2)")));
  // With an event id, a retry re-stamped by the provider is still the same event.
  CHECK(
      key("sip",
          GenericBody("RINGING", R"(,"event_id":"e1","timestamp":"2025-12-03T10:30:00Z")")) ==
      key("sip", GenericBody("RINGING", R"(,"event_id":"e1","timestamp":"2025-12-03T10:30:05Z")")));
  CHECK(key("sip", GenericBody("RINGING", R"(,"event_id":"e1")")) !=
        key("sip", GenericBody("RINGING", R"(,"event_id":"e2")")));
}

TEST_CASE("Progress: a late webhook would move the call backwards; terminal never moves") {
  using sb::webhooks::ProgressRank;
  using sb::webhooks::WouldMoveBackwards;
  using K = CallEventKind;
  CHECK(ProgressRank(K::kInitiated) < ProgressRank(K::kRinging));
  CHECK(ProgressRank(K::kRinging) < ProgressRank(K::kAnswered));
  CHECK(ProgressRank(K::kAnswered) < ProgressRank(K::kEnded));
  CHECK(ProgressRank(K::kInbound) == ProgressRank(K::kInitiated));

  CHECK(WouldMoveBackwards(K::kAnswered, K::kRinging));
  CHECK(WouldMoveBackwards(K::kRinging, K::kInitiated));
  CHECK_FALSE(WouldMoveBackwards(K::kRinging, K::kAnswered));
  CHECK_FALSE(WouldMoveBackwards(K::kInitiated, K::kAnswered));  // answered before ringing
  CHECK_FALSE(WouldMoveBackwards(K::kInitiated, K::kBusy));
  CHECK_FALSE(WouldMoveBackwards(K::kRinging, K::kRinging));  // a repeat, not a regression
  CHECK(WouldMoveBackwards(K::kEnded, K::kAnswered));
  CHECK(WouldMoveBackwards(K::kEnded, K::kFailed));  // terminal never moves, even sideways
  CHECK_FALSE(WouldMoveBackwards(K::kEnded, K::kEnded));

  // Against our own status.
  CHECK(WouldMoveBackwards(CallStatus::kConnected, K::kRinging));
  CHECK_FALSE(WouldMoveBackwards(CallStatus::kRinging, K::kAnswered));
  CHECK(WouldMoveBackwards(CallStatus::kCompleted, K::kFailed));
  CHECK(WouldMoveBackwards(CallStatus::kTimeout, K::kAnswered));
  CHECK(WouldMoveBackwards(CallStatus::kRejected, K::kEnded));
  CHECK_FALSE(WouldMoveBackwards(CallStatus::kBusy, K::kBusy));
  CHECK_FALSE(WouldMoveBackwards(CallStatus::kConnected, K::kEnded));
}

TEST_CASE("Progress: kinds map onto our call statuses") {
  using sb::webhooks::ToCallStatus;
  using K = CallEventKind;
  CHECK(ToCallStatus(K::kInitiated) == CallStatus::kInitiated);
  CHECK(ToCallStatus(K::kInbound) == CallStatus::kInitiated);
  CHECK(ToCallStatus(K::kRinging) == CallStatus::kRinging);
  CHECK(ToCallStatus(K::kAnswered) == CallStatus::kConnected);
  CHECK(ToCallStatus(K::kEnded) == CallStatus::kCompleted);
  CHECK(ToCallStatus(K::kFailed) == CallStatus::kFailed);
  CHECK(ToCallStatus(K::kBusy) == CallStatus::kBusy);
  CHECK(ToCallStatus(K::kNoAnswer) == CallStatus::kNoAnswer);
  CHECK(ToCallStatus(K::kCanceled) == CallStatus::kCanceled);
  for (K k : {K::kInitiated, K::kInbound, K::kRinging, K::kAnswered, K::kEnded, K::kFailed,
              K::kBusy, K::kNoAnswer, K::kCanceled}) {
    CAPTURE(sb::webhooks::KindName(k));
    CHECK(sb::webhooks::IsTerminal(k) == sb::domain::IsTerminal(ToCallStatus(k)));
  }
}
