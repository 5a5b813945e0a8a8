// JSON codecs: every event type and every state round-trips; bad input is a Status, never a
// crash or an exception.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"
#include "domain/json_fields.h"
#include "domain/json_object_writer.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain {
namespace {

using testing::kT0;

// Encode, decode, compare; and Evolve of the decoded event must equal Evolve of the original.
template <class D>
void CheckRoundTrips(const std::vector<typename D::Event>& events, const typename D::State& base) {
  typename D::State folded = base;
  typename D::State folded_decoded = base;
  for (const auto& event : events) {
    const std::string type = D::TypeOf(event);
    const std::string payload = D::EncodeEvent(event);
    INFO(type << " " << payload);
    auto decoded = D::DecodeEvent(type, payload);
    REQUIRE(decoded.ok());
    CHECK(*decoded == event);
    CHECK(D::EvolveEqual(base, event, *decoded));
    folded = D::Evolve(folded, event);
    folded_decoded = D::Evolve(folded_decoded, *decoded);
    CHECK(folded == folded_decoded);
    auto state = D::DecodeState(D::EncodeState(folded));
    REQUIRE(state.ok());
    CHECK(*state == folded);
  }
}

// Adds the helper CheckRoundTrips needs without touching the deciders.
template <class Base>
struct With : Base {
  static bool EvolveEqual(const typename Base::State& s, const typename Base::Event& a,
                          const typename Base::Event& b) {
    return Base::Evolve(s, a) == Base::Evolve(s, b);
  }
};

template <class D>
std::set<std::string> TypesOf(const std::vector<typename D::Event>& events) {
  std::set<std::string> types;
  for (const auto& e : events) types.insert(D::TypeOf(e));
  return types;
}

AgentProfile FullProfile() {
  return AgentProfile{"Alice \"Ali\" Rahman",  // quotes must be escaped by the serializer
                      "alice@example.com",
                      "1001",
                      "https://cdn.example.com/a.png",
                      {{"sales", 7}, {"বাংলা", 10}},  // UTF-8 survives
                      3};
}

std::vector<AgentEvent> AllAgentEvents() {
  return {
      AgentRegistered{FullProfile(), kT0},
      AgentRegistered{AgentProfile{"Bob", "", "", "", {}, 1}, kT0 + 1},
      AgentProfileUpdated{FullProfile(), kT0 + 2},
      AgentStatusChanged{AgentStatus::kOffline, AgentStatus::kOnline, "shift start", kT0 + 3},
      AgentCallReserved{"call-1", AgentStatus::kAway, kT0 + 4},
      AgentStatusChanged{AgentStatus::kAway, AgentStatus::kOnCall, "call_started", kT0 + 4},
      AgentCallReleased{"call-1", kT0 + Seconds(60), kT0 + 5},
      AgentStatusChanged{AgentStatus::kOnCall, AgentStatus::kWrapUp, "call_ended", kT0 + 5},
      AgentCallReleased{"call-2", std::nullopt, kT0 + 6},
      AgentChatReserved{"chat-1", kT0 + 7},
      AgentChatReserved{"chat-2", kT0 + 7},
      AgentChatReleased{"chat-1", kT0 + 8},
      AgentActivityRecorded{"ON_CALL", "session-1", true, 300, "line1\nline2", kT0 + 9},
      AgentActivityRecorded{"IDLE", "", false, 0, "", kT0 + 10},
  };
}

std::vector<CustomerEvent> AllCustomerEvents() {
  return {
      CustomerRegistered{CustomerProfile{"John Doe", "+1234567890", "john@example.com", true}, kT0},
      CustomerProfileUpdated{CustomerProfile{"", "", "", false}, kT0 + 1},
      CustomerConnected{"ws-1", kT0 + 2},
      CustomerConnected{"ws-2", kT0 + 2},
      CustomerDisconnected{"ws-1", std::nullopt, kT0 + 3},
      CustomerDisconnected{"ws-2", kT0 + Seconds(15), kT0 + 4},
      CustomerWentOffline{"grace_expired", kT0 + Seconds(15)},
      ProfileOpened{"agent-1", "Alice", "https://cdn.example.com/a.png", 1, kT0 + 5},
      ProfileOpened{"agent-2", "", "", 2, kT0 + 6},
      ProfileClosed{"agent-2", 1, kT0 + 7},
      LineGranted{"call-1", "agent-1", kT0 + 8},
      LineReleased{"call-1", kT0 + 9},
  };
}

std::vector<CallEvent> AllCallEvents() {
  CallInitiated initiated;
  initiated.direction = CallDirection::kOutbound;
  initiated.channel = CallChannel::kInApp;
  initiated.mode = CallMode::kMock;
  initiated.to_phone = "+1234567890";
  initiated.from_phone = "+0987654321";
  initiated.phone_type = "EXTERNAL";
  initiated.lead_id = "lead-uuid";
  initiated.agent_id = "agent-uuid";
  initiated.contact_name = "John Doe";
  initiated.contact_email = "john@example.com";
  initiated.campaign_id = "campaign-uuid";
  // Events hold metadata in the serializer's canonical form (Decide re-serializes it).
  initiated.metadata = boost::json::serialize(
      boost::json::parse(R"({"custom_field":"value","n":[1,2.5,true,null]})"));
  initiated.provider_id = "provider-1";
  initiated.ring_timeout_seconds = 30;
  initiated.deadline = kT0 + Seconds(30);
  initiated.at = kT0;
  DialAttempt attempt{2,  "provider-1", "Primary Twilio", "twilio", "accepted", false, 201,
                      87, "",           "CA0123"};
  return {
      initiated,
      CallRinging{kT0 + 1'000'000},
      CallConnected{"customer", kT0 + 5'500'000},
      CallEnded{CallStatus::kCompleted, "call_completed", kT0 + 185'900'000},
      CallOutcomeRecorded{CallOutcome::kFollowUp, "call back \u00e0 3pm", kT0 + Seconds(86'400),
                          kT0 + Seconds(200)},
      CallOutcomeRecorded{CallOutcome::kOrdered, "ordered", std::nullopt, kT0 + Seconds(300)},
      CallEnded{CallStatus::kTimeout, "timeout", kT0 + Seconds(400)},
      CallDialAttempted{attempt, kT0 + Seconds(401)},
      CallAgentAssigned{"agent-2", "Bea", kT0 + Seconds(402)},
  };
}

TEST_CASE("codec: every agent event type round-trips", "[codec][agent]") {
  const auto events = AllAgentEvents();
  CHECK(TypesOf<AgentDecider>(events) ==
        std::set<std::string>{"AgentRegistered", "AgentProfileUpdated", "AgentStatusChanged",
                              "AgentCallReserved", "AgentCallReleased", "AgentChatReserved",
                              "AgentChatReleased", "AgentActivityRecorded"});
  CHECK(TypesOf<AgentDecider>(events).size() == std::variant_size_v<AgentEvent>);
  CheckRoundTrips<With<AgentDecider>>(events, AgentState{});
}

TEST_CASE("codec: every customer event type round-trips", "[codec][customer]") {
  const auto events = AllCustomerEvents();
  CHECK(TypesOf<CustomerDecider>(events) ==
        std::set<std::string>{"CustomerRegistered", "CustomerProfileUpdated", "CustomerConnected",
                              "CustomerDisconnected", "CustomerWentOffline", "ProfileOpened",
                              "ProfileClosed", "LineGranted", "LineReleased"});
  CHECK(TypesOf<CustomerDecider>(events).size() == std::variant_size_v<CustomerEvent>);
  CheckRoundTrips<With<CustomerDecider>>(events, CustomerState{});
}

TEST_CASE("codec: every call event type round-trips", "[codec][call]") {
  const auto events = AllCallEvents();
  CHECK(TypesOf<CallDecider>(events) ==
        std::set<std::string>{"CallInitiated", "CallRinging", "CallConnected", "CallEnded",
                              "CallOutcomeRecorded", "CallDialAttempted", "CallAgentAssigned"});
  CHECK(TypesOf<CallDecider>(events).size() == std::variant_size_v<CallEvent>);
  CheckRoundTrips<With<CallDecider>>(events, CallState{});
}

TEST_CASE("codec: payloads use RFC 3339 times, seed spellings and nested metadata",
          "[codec][call]") {
  const std::string payload = CallDecider::EncodeEvent(AllCallEvents()[0]);
  const boost::json::object o = boost::json::parse(payload).as_object();
  CHECK(o.at("at").as_string() == "2025-12-03T10:30:00Z");
  CHECK(o.at("deadline").as_string() == "2025-12-03T10:30:30Z");
  CHECK(o.at("channel").as_string() == "IN_APP");
  CHECK(o.at("mode").as_string() == "mock");
  CHECK(o.at("direction").as_string() == "OUTBOUND");
  CHECK(o.at("metadata").as_object().at("custom_field").as_string() == "value");
  const boost::json::object ended =
      boost::json::parse(CallDecider::EncodeEvent(AllCallEvents()[3])).as_object();
  CHECK(ended.at("status").as_string() == "COMPLETED");
  CHECK(ended.at("at").as_string() == "2025-12-03T10:33:05.900000Z");
}

TEST_CASE("codec: default states round-trip", "[codec]") {
  auto a = AgentDecider::DecodeState(AgentDecider::EncodeState(AgentState{}));
  REQUIRE(a.ok());
  CHECK(*a == AgentState{});
  auto c = CustomerDecider::DecodeState(CustomerDecider::EncodeState(CustomerState{}));
  REQUIRE(c.ok());
  CHECK(*c == CustomerState{});
  auto k = CallDecider::DecodeState(CallDecider::EncodeState(CallState{}));
  REQUIRE(k.ok());
  CHECK(*k == CallState{});
}

TEST_CASE("codec: state JSON carries the derived fields the REST API shows", "[codec]") {
  CustomerState customer;
  for (const auto& e : AllCustomerEvents()) customer = CustomerDecider::Evolve(customer, e);
  customer = CustomerDecider::Evolve(customer, CustomerConnected{"ws-9", kT0 + Seconds(20)});
  customer = CustomerDecider::Evolve(
      customer, CustomerProfileUpdated{CustomerProfile{"J", "", "", true}, kT0});
  const boost::json::object co =
      boost::json::parse(CustomerDecider::EncodeState(customer)).as_object();
  CHECK(co.at("online").as_bool());
  CHECK(co.at("live").as_bool());
  CHECK(co.at("availability").as_string() == "live");
  CHECK(co.at("viewer_count").as_int64() == 1);
  CHECK(co.at("viewers").as_array().at(0).as_object().at("agent_name").as_string() == "Alice");
  CHECK(co.at("line").is_null());

  CallState call;
  for (const auto& e : AllCallEvents()) call = CallDecider::Evolve(call, e);
  const boost::json::object ko = boost::json::parse(CallDecider::EncodeState(call)).as_object();
  CHECK(ko.at("status").as_string() == "TIMEOUT");  // the last event wins
  CHECK(ko.at("duration_seconds").as_int64() == 394);
  CHECK(ko.at("call_started_at") == ko.at("connected_at"));
  CHECK(ko.at("outcome").as_string() == "Ordered");
  CHECK(ko.at("task_done").as_bool());
  CHECK(ko.at("terminal").as_bool());

  AgentState agent;
  for (const auto& e : AllAgentEvents()) agent = AgentDecider::Evolve(agent, e);
  const boost::json::object ao = boost::json::parse(AgentDecider::EncodeState(agent)).as_object();
  CHECK(ao.at("status").as_string() == "wrap_up");
  CHECK(ao.at("current_load").as_int64() == 1);
  CHECK(ao.at("can_take_work").as_bool() == false);
  CHECK(ao.at("skills").as_object().at("sales").as_int64() == 7);
}

TEST_CASE("codec: the object writer escapes what JSON needs and nothing else", "[codec]") {
  const std::string awkward = "say \"hi\"\\ \n\r\t\b\f \x01\x1f / Zo\xc3\xab \xe2\x98\x8e";
  json::ObjectWriter w;
  w.String("text", awkward)
      .Int("min", INT64_MIN)
      .Bool("yes", true)
      .Null("none")
      .OptionalString("empty", "")
      .Time("at", kT0)
      .Raw("nested", R"({"k":[1,2]})");
  const std::string text = std::move(w).Finish();
  INFO(text);
  const boost::json::object o = boost::json::parse(text).as_object();
  CHECK(o.at("text").as_string() == awkward);
  CHECK(o.at("min").as_int64() == INT64_MIN);
  CHECK(o.at("yes").as_bool());
  CHECK(o.at("none").is_null());
  CHECK(o.at("empty").is_null());
  CHECK(o.at("at").as_string() == FormatTimestamp(kT0));
  CHECK(o.at("nested").as_object().at("k").as_array().size() == 2);
  CHECK(o.size() == 7);
  CHECK(text.find("\\u0001") != std::string::npos);     // control characters as \u00XX
  CHECK(text.find("Zo\xc3\xab") != std::string::npos);  // UTF-8 as it is
}

TEST_CASE("codec: the object writer escapes every ASCII byte at any offset", "[codec]") {
  // The escaped text is copied out in chunks of 256 bytes: an escape sequence that straddles
  // two chunks must come out whole.
  for (int c = 0; c < 0x80; ++c) {
    for (size_t at : {0, 1, 7, 8, 19, 249, 250, 251, 252, 253, 254, 255, 256, 599}) {
      std::string text(600, 'a');
      text[at] = static_cast<char>(c);
      json::ObjectWriter w;
      w.String("t", text);
      const std::string out = std::move(w).Finish();
      INFO("byte " << c << " at " << at << ": " << out);
      boost::system::error_code ec;
      const boost::json::value parsed = boost::json::parse(out, ec);
      REQUIRE_FALSE(ec);
      CHECK(parsed.as_object().at("t").as_string() == text);
    }
  }
}

TEST_CASE("codec: a call state with awkward text and metadata round-trips", "[codec][call]") {
  CallState call;
  for (const auto& e : AllCallEvents()) call = CallDecider::Evolve(call, e);
  call.contact_name = "O'Brien \"Bob\" \\ \n\x02 Zo\xc3\xab";
  call.metadata = R"({"campaign":{"id":7,"tags":["a","b"]}})";
  auto decoded = CallDecider::DecodeState(CallDecider::EncodeState(call));
  INFO(decoded.status().ToString());
  REQUIRE(decoded.ok());
  CHECK(*decoded == call);
  call.metadata = "not an object";  // never stored, but must not break the document
  auto dropped = CallDecider::DecodeState(CallDecider::EncodeState(call));
  REQUIRE(dropped.ok());
  CHECK(dropped->metadata == "{}");
}

TEST_CASE("codec: derived fields in a state document are ignored on decode", "[codec]") {
  CallState call;
  for (const auto& e : AllCallEvents()) call = CallDecider::Evolve(call, e);
  boost::json::object o = boost::json::parse(CallDecider::EncodeState(call)).as_object();
  o["duration_seconds"] = 1;
  o["task_done"] = false;
  o["something_new"] = "from a newer binary";
  auto decoded = CallDecider::DecodeState(boost::json::serialize(o));
  REQUIRE(decoded.ok());
  CHECK(*decoded == call);
  CHECK(decoded->DurationSeconds() == 394);
}

TEST_CASE("codec: unknown fields in an event payload are ignored", "[codec]") {
  auto e = CustomerDecider::DecodeEvent(
      "LineGranted", R"({"call_id":"c","agent_id":"a","at":"2025-12-03T10:30:00Z","priority":9})");
  REQUIRE(e.ok());
  CHECK(*e == CustomerEvent{LineGranted{"c", "a", kT0}});
}

TEST_CASE("codec: fields decode the same in any order, and a document of any size", "[codec]") {
  // Decoders look for the member after the last one found first: documents written in
  // another order, with gaps, or repeating a key must still read every field right.
  CallState state;
  CallDecider::EvolveInPlace(
      state, CallEvent{CallInitiated{CallDirection::kOutbound, CallChannel::kPstn, CallMode::kLive,
                                     "+15550001111", "", "EXTERNAL", "lead-1", "agent-1", "Ada"}});
  state.notes = std::string(20'000, 'n');  // far larger than the decoder's stack buffer
  const std::string encoded = CallDecider::EncodeState(state);
  auto parsed = boost::json::parse(encoded).as_object();
  boost::json::object reversed;
  for (auto it = parsed.end(); it != parsed.begin();) {
    --it;
    reversed[it->key()] = it->value();
  }
  for (const std::string& text : {encoded, boost::json::serialize(reversed)}) {
    auto decoded = CallDecider::DecodeState(text);
    REQUIRE(decoded.ok());
    CHECK(CallDecider::EncodeState(*decoded) == encoded);
  }
  auto ended = CallDecider::DecodeEvent(
      "CallEnded", R"({"at":"2025-12-03T10:30:00Z","reason":"r","status":"COMPLETED"})");
  REQUIRE(ended.ok());
  CHECK(*ended == CallEvent{CallEnded{CallStatus::kCompleted, "r", kT0}});
  // A repeated key (our writers never write one): the first one counts, as on-demand parsing
  // finds it.
  auto ringing = CallDecider::DecodeEvent(
      "CallRinging", R"({"at":"2025-12-03T10:30:00Z","at":"2020-01-01T00:00:00Z"})");
  REQUIRE(ringing.ok());
  CHECK(*ringing == CallEvent{CallRinging{kT0}});
}

TEST_CASE("codec: documents read side by side on one thread keep their own text", "[codec]") {
  // Each thread parses with one shared parser; a second document read while the first is
  // still being read must not take it over.
  json::ParsedObject first;
  json::ParsedObject second;
  REQUIRE(first.Parse(R"({"name":"first","n":1})").ok());
  REQUIRE(second.Parse(R"({"name":"second","n":2})").ok());
  json::Reader a(first.object());
  json::Reader b(second.object());
  std::string name_a, name_b;
  int64_t n_a = 0, n_b = 0;
  a.String("name", &name_a);
  b.String("name", &name_b);
  a.Int("n", &n_a);
  b.Int("n", &n_b);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(name_a == "first");
  CHECK(n_a == 1);
  CHECK(name_b == "second");
  CHECK(n_b == 2);
}

TEST_CASE("codec: a malformed value a decoder reads is Corruption", "[codec]") {
  // Parsing is on demand: a broken value is found when it is read, and reported then.
  for (const std::string payload :
       {R"({"at":tru})", R"({"at":01})", R"({"at":"2025-12-03T10:30:00Z\q"})", R"({"at":})",
        R"({"at" "2025-12-03T10:30:00Z"})", R"({"at":"2025-12-03T10:30:00Z)"}) {
    INFO(payload);
    auto ringing = CallDecider::DecodeEvent("CallRinging", payload);
    REQUIRE_FALSE(ringing.ok());
    CHECK(ringing.status().IsCorruption());
  }
  auto attempt = CallDecider::DecodeEvent(
      "CallDialAttempted", R"({"number":1e400,"provider_id":"p","outcome":"ok","at":"x"})");
  REQUIRE_FALSE(attempt.ok());
  CHECK(attempt.status().IsCorruption());
}

TEST_CASE("codec: an unknown event type is an error", "[codec]") {
  auto a = AgentDecider::DecodeEvent("AgentTeleported", R"({"at":"2025-12-03T10:30:00Z"})");
  REQUIRE_FALSE(a.ok());
  CHECK(a.status().IsInvalidArgument());
  CHECK(a.status().message().find("AgentTeleported") != std::string::npos);
  CHECK_FALSE(CustomerDecider::DecodeEvent("", "{}").ok());
  // A type of another entity is unknown here.
  CHECK_FALSE(CallDecider::DecodeEvent("LineGranted", R"({"call_id":"c","agent_id":"a",
      "at":"2025-12-03T10:30:00Z"})")
                  .ok());
}

TEST_CASE("codec: malformed payloads are Corruption, never exceptions", "[codec]") {
  const std::string deep(10'000, '[');
  const std::vector<std::string> bad_json = {"",
                                             "   ",
                                             "{",
                                             "}",
                                             "not json",
                                             "[]",
                                             "42",
                                             "\"text\"",
                                             "null",
                                             R"({"at":)",
                                             R"({"call_id":"c"} trailing)",
                                             deep,
                                             "{\"call_id\":\"\xff\xfe\"}"};
  for (const std::string& payload : bad_json) {
    INFO(payload.substr(0, 40));
    auto call = CallDecider::DecodeEvent("CallRinging", payload);
    CHECK_FALSE(call.ok());
    CHECK(call.status().IsCorruption());
    CHECK_FALSE(AgentDecider::DecodeEvent("AgentChatReserved", payload).ok());
    CHECK_FALSE(CustomerDecider::DecodeEvent("LineReleased", payload).ok());
    CHECK_FALSE(AgentDecider::DecodeState(payload).ok());
    CHECK_FALSE(CustomerDecider::DecodeState(payload).ok());
    CHECK_FALSE(CallDecider::DecodeState(payload).ok());
  }
}

TEST_CASE("codec: missing or mistyped fields are Corruption naming the field", "[codec]") {
  struct Case {
    const char* type;
    const char* payload;
    const char* field;
  };
  const Case cases[] = {
      {"CallRinging", "{}", "at"},
      {"CallRinging", R"({"at":12345})", "at"},
      {"CallRinging", R"({"at":"yesterday"})", "at"},
      {"CallRinging", R"({"at":"2025-12-03T10:30:00"})", "at"},
      {"CallEnded", R"({"status":"RINGING","reason":"x","at":"2025-12-03T10:30:00Z"})", "status"},
      {"CallEnded", R"({"status":"EXPLODED","reason":"x","at":"2025-12-03T10:30:00Z"})", "status"},
      {"CallEnded", R"({"status":7,"at":"2025-12-03T10:30:00Z"})", "status"},
      {"CallOutcomeRecorded", R"({"outcome":"Maybe","notes":"n","at":"2025-12-03T10:30:00Z"})",
       "outcome"},
      {"CallInitiated", R"({"direction":"OUTBOUND","channel":"PSTN","mode":"live",
        "ring_timeout_seconds":30,"deadline":"2025-12-03T10:30:30Z","at":"2025-12-03T10:30:00Z"})",
       "to_phone"},
      {"CallInitiated", R"({"direction":"OUTBOUND","channel":"PSTN","mode":"live","to_phone":
        "+1234567890","metadata":"{}","ring_timeout_seconds":30,
        "deadline":"2025-12-03T10:30:30Z","at":"2025-12-03T10:30:00Z"})",
       "metadata"},
      {"CallInitiated", R"({"direction":"OUTBOUND","channel":"PSTN","mode":"live","to_phone":
        "+1234567890","ring_timeout_seconds":30.5,
        "deadline":"2025-12-03T10:30:30Z","at":"2025-12-03T10:30:00Z"})",
       "ring_timeout_seconds"},
  };
  for (const Case& c : cases) {
    INFO(c.type << " " << c.payload);
    auto e = CallDecider::DecodeEvent(c.type, c.payload);
    REQUIRE_FALSE(e.ok());
    CHECK(e.status().IsCorruption());
    CHECK(e.status().message().find(c.field) != std::string::npos);
  }
  auto agent = AgentDecider::DecodeEvent(
      "AgentRegistered",
      R"({"name":"A","max_concurrent_chats":"two","at":"2025-12-03T10:30:00Z"})");
  CHECK_FALSE(agent.ok());
  auto skills = AgentDecider::DecodeEvent(
      "AgentRegistered",
      R"({"name":"A","skills":{"x":"high"},"max_concurrent_chats":1,"at":"2025-12-03T10:30:00Z"})");
  CHECK_FALSE(skills.ok());
  auto overflow = AgentDecider::DecodeEvent(
      "AgentRegistered",
      R"({"name":"A","max_concurrent_chats":99999999999,"at":"2025-12-03T10:30:00Z"})");
  CHECK_FALSE(overflow.ok());
  auto status = AgentDecider::DecodeEvent(
      "AgentStatusChanged", R"({"from":"offline","to":"napping","at":"2025-12-03T10:30:00Z"})");
  CHECK_FALSE(status.ok());
  auto connected = CustomerDecider::DecodeEvent("CustomerConnected", R"({"connection_id":["ws"],
      "at":"2025-12-03T10:30:00Z"})");
  CHECK_FALSE(connected.ok());
  auto state = CustomerDecider::DecodeState(R"({"exists":true,"viewers":[{"agent_name":"x"}],
      "created_at":"2025-12-03T10:30:00Z","updated_at":"2025-12-03T10:30:00Z"})");
  CHECK_FALSE(state.ok());
  CHECK(state.status().IsCorruption());
}

}  // namespace
}  // namespace sb::domain
