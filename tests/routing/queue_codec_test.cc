// Queue JSON: every event type and a fully populated state round-trip; bad input is a
// Status, never a crash or an exception.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "tests/routing/routing_fixture.h"

namespace sb::domain {
namespace {

using testing::Agent;
using testing::Call;
using testing::kT0;
using testing::QueueHarness;
using testing::QueueWith;
using testing::SalesQueue;

QueueConfig FullConfig() {
  QueueConfig c;
  c.name = "Ventas \"VIP\"";  // quotes must be escaped by the serializer
  c.required_skills = {"sales", "español"};
  c.strategy = RoutingStrategy::kLeastTalkTime;
  c.priority = 7;
  c.offer_timeout_seconds = 45;
  c.max_no_answer = 0;
  c.wrap_up_seconds = 0;
  c.channel = QueueChannel::kChat;
  c.escalation = QueueEscalation{30, {"sales"}, 600, "general"};
  return c;
}

QueueTask FullTask() {
  QueueTask t;
  t.task_id = "task-1";
  t.kind = TaskKind::kCallback;
  t.call_id = "";
  t.caller_number = "+8801712345678";
  t.customer_name = "Rahim Uddin";
  t.customer_email = "rahim@example.com";
  t.priority = -2;
  t.required_skills = std::set<std::string>{};  // set but empty: anyone, not "the queue's"
  t.skills_widened = true;
  t.waiting_since = kT0 - 250'000;
  t.enqueued_at = kT0;
  t.sequence = 41;
  t.offer_id = "offer-9";
  return t;
}

std::vector<QueueEvent> AllQueueEvents() {
  QueueTask plain;
  plain.task_id = "task-2";
  plain.call_id = "call-2";
  plain.waiting_since = kT0;
  plain.enqueued_at = kT0;
  return {
      QueueConfigured{FullConfig(), kT0},
      QueueConfigured{SalesQueue(), kT0 + 1},
      TaskEnqueued{FullTask(), kT0 + 2},
      TaskEnqueued{plain, kT0 + 2},
      TaskOffered{"offer-1",
                  "task-2",
                  {"b", "a"},
                  kT0 + Seconds(20),
                  RoutingStrategy::kRingAll,
                  {"b", "a"},
                  {{"c", SkipReason::kMissingSkill}, {"d", SkipReason::kHasOpenOffer}},
                  "",
                  kT0 + 3},
      TaskOffered{"offer-2",
                  "task-1",
                  {"z"},
                  kT0 + Seconds(25),
                  RoutingStrategy::kRoundRobin,
                  {"z"},
                  {},
                  "z",
                  kT0 + 4},
      OfferRejected{"offer-1", "task-2", "b", "at lunch", false, kT0 + 5},
      OfferWithdrawn{"offer-2", "task-1", "z", "went_offline", true, kT0 + 6},
      OfferExpired{"offer-1", "task-2", {{"a", 3, true}, {"q", 1, false}}, kT0 + Seconds(20)},
      TaskSkillsWidened{"task-2", {"sales", "español"}, {"sales"}, kT0 + Seconds(31)},
      TaskOffered{"offer-3",
                  "task-2",
                  {"a"},
                  kT0 + Seconds(60),
                  RoutingStrategy::kLongestIdle,
                  {"a"},
                  {},
                  "z",
                  kT0 + Seconds(40)},
      TaskAssigned{"offer-3", "a", plain, {"x", "y"}, kT0 + Seconds(41)},
      TaskRequeued{plain, "bridge_failed", kT0 + Seconds(42)},
      TaskCanceled{"task-2", "caller_hung_up", "", {}, kT0 + Seconds(43)},
      TaskCanceled{"task-9", "x", "offer-8", {"a"}, kT0 + Seconds(44)},
      TaskMovedToFallback{FullTask(), "general", kT0 + Seconds(600)},
  };
}

TEST_CASE("codec: every queue event type round-trips", "[codec][queue]") {
  const auto events = AllQueueEvents();
  std::set<std::string> types;
  QueueState folded;
  for (const QueueEvent& event : events) {
    types.insert(QueueDecider::TypeOf(event));
    QueueHarness::CheckEventRoundTrip(event);
    folded = QueueDecider::Evolve(folded, event);
    QueueHarness::CheckStateRoundTrip(folded);
  }
  CHECK(types == std::set<std::string>{"QueueConfigured", "TaskEnqueued", "TaskOffered",
                                       "TaskAssigned", "OfferRejected", "OfferExpired",
                                       "OfferWithdrawn", "TaskCanceled", "TaskRequeued",
                                       "TaskSkillsWidened", "TaskMovedToFallback"});
  CHECK(types.size() == std::variant_size_v<QueueEvent>);
}

// A state with every member populated: tasks (waiting and offered), a ring_all offer with a
// dropped agent, misses, cursor, and both kinds of history.
QueueState BusyState() {
  QueueHarness h = QueueWith(SalesQueue(RoutingStrategy::kRingAll));
  for (const char* id : {"t1", "t2", "t3", "t4"}) h.Accept(Call(id));
  EnqueueTask vip = Call("vip", 9);
  vip.required_skills = std::set<std::string>{"sales"};
  h.Accept(vip);
  h.Accept(OfferTask{"o1", "t1", {Agent("a"), Agent("b")}, 0});
  h.Accept(AcceptOffer{"o1", "a"});
  h.Accept(OfferTask{"o2", "t2", {Agent("c")}, 0});
  h.now += Seconds(20);
  h.Accept(ExpireQueueDeadlines{h.now});
  h.Accept(CancelTask{"t3", "caller_hung_up"});
  h.Accept(OfferTask{"o3", "vip", {Agent("d"), Agent("e")}, 0});
  h.Accept(RejectOffer{"o3", "d", ""});
  return h.state;
}

TEST_CASE("codec: a busy queue state round-trips", "[codec][queue]") {
  const QueueState s = BusyState();
  REQUIRE(s.tasks.size() == 3);
  REQUIRE(s.offers.size() == 1);
  REQUIRE(s.offers[0].dropped == std::set<std::string>{"d"});
  REQUIRE(s.recent_offers.size() == 2);
  REQUIRE(s.recent_tasks.size() == 2);
  REQUIRE(ConsecutiveMisses(s, "c") == 1);
  QueueHarness::CheckStateRoundTrip(s);
  QueueHarness::CheckStateRoundTrip(QueueState{});

  const boost::json::object o = boost::json::parse(QueueDecider::EncodeState(s)).as_object();
  CHECK(o.at("waiting_count").as_int64() == 2);  // derived
  CHECK(o.at("tasks").as_array().at(0).as_object().at("task_id").as_string() == "vip");
  CHECK(o.at("offers").as_array().at(0).as_object().at("ringing").as_array().size() == 1);
  CHECK(o.at("config").as_object().at("strategy").as_string() == "ring_all");
  CHECK(o.at("consecutive_misses").as_object().at("c").as_int64() == 1);
}

TEST_CASE("codec: queue payloads use the documented spellings", "[codec][queue]") {
  const auto events = AllQueueEvents();
  const boost::json::object offered =
      boost::json::parse(QueueDecider::EncodeEvent(events[4])).as_object();
  CHECK(offered.at("strategy").as_string() == "ring_all");
  CHECK(offered.at("deadline").as_string() == "2025-12-03T10:30:20Z");
  CHECK(offered.at("skipped").as_array().at(0).as_object().at("reason").as_string() ==
        "missing_skill");
  CHECK(offered.at("round_robin_cursor").is_null());
  const boost::json::object enqueued =
      boost::json::parse(QueueDecider::EncodeEvent(events[2])).as_object();
  const boost::json::object& task = enqueued.at("task").as_object();
  CHECK(task.at("kind").as_string() == "callback");
  CHECK(task.at("call_id").is_null());
  CHECK(task.at("required_skills").as_array().empty());
  CHECK(boost::json::parse(QueueDecider::EncodeEvent(events[3]))
            .as_object()
            .at("task")
            .as_object()
            .at("required_skills")
            .is_null());
  const boost::json::object config =
      boost::json::parse(QueueDecider::EncodeEvent(events[0])).as_object().at("config").as_object();
  CHECK(config.at("channel").as_string() == "chat");
  CHECK(config.at("escalation").as_object().at("fallback_queue_id").as_string() == "general");
}

TEST_CASE("codec: a minimal config document decodes with the defaults", "[codec][queue]") {
  auto e = QueueDecider::DecodeEvent("QueueConfigured",
                                     R"({"config":{"name":"Sales"},"at":"2025-12-03T10:30:00Z"})");
  REQUIRE(e.ok());
  const QueueConfig& c = std::get<QueueConfigured>(*e).config;
  CHECK(c.name == "Sales");
  CHECK(c.strategy == RoutingStrategy::kLongestIdle);
  CHECK(c.offer_timeout_seconds == 20);
  CHECK(c.max_no_answer == 3);
  CHECK(c.wrap_up_seconds == 10);
  CHECK(c.channel == QueueChannel::kVoice);
}

TEST_CASE("codec: malformed queue payloads are Corruption naming the field", "[codec][queue]") {
  struct Case {
    const char* type;
    const char* payload;
    const char* field;
  };
  const Case cases[] = {
      {"QueueConfigured", R"({"at":"2025-12-03T10:30:00Z"})", "config"},
      {"QueueConfigured", R"({"config":{"name":"S","strategy":"fastest"},
        "at":"2025-12-03T10:30:00Z"})",
       "strategy"},
      {"TaskEnqueued", R"({"task":{"task_id":"t","kind":"fax","waiting_since":
        "2025-12-03T10:30:00Z","enqueued_at":"2025-12-03T10:30:00Z","sequence":1},
        "at":"2025-12-03T10:30:00Z"})",
       "kind"},
      {"TaskEnqueued", R"({"task":{"task_id":"t","kind":"call","enqueued_at":
        "2025-12-03T10:30:00Z","sequence":1},"at":"2025-12-03T10:30:00Z"})",
       "waiting_since"},
      {"TaskOffered", R"({"offer_id":"o","task_id":"t","agent_ids":"a",
        "deadline":"2025-12-03T10:30:00Z","strategy":"random","at":"2025-12-03T10:30:00Z"})",
       "agent_ids"},
      {"TaskOffered", R"({"offer_id":"o","task_id":"t","agent_ids":["a"],
        "deadline":"2025-12-03T10:30:00Z","strategy":"random","skipped":[{"agent_id":"b",
        "reason":"sleeping"}],"at":"2025-12-03T10:30:00Z"})",
       "skipped"},
      {"OfferExpired", R"({"offer_id":"o","task_id":"t","misses":[{"agent_id":"a",
        "consecutive_misses":"2","max_no_answer_reached":false}],"at":"2025-12-03T10:30:00Z"})",
       "consecutive_misses"},
      {"OfferRejected", R"({"offer_id":"o","task_id":"t","agent_id":"a",
        "at":"2025-12-03T10:30:00Z"})",
       "offer_closed"},
  };
  for (const Case& c : cases) {
    INFO(c.type << " " << c.payload);
    auto e = QueueDecider::DecodeEvent(c.type, c.payload);
    REQUIRE_FALSE(e.ok());
    CHECK(e.status().IsCorruption());
    CHECK(e.status().message().find(c.field) != std::string::npos);
  }
  for (const std::string bad : {"", "{", "[]", "null", "{\"exists\":\"yes\"}"}) {
    INFO(bad);
    CHECK_FALSE(QueueDecider::DecodeState(bad).ok());
    CHECK_FALSE(QueueDecider::DecodeEvent("TaskCanceled", bad).ok());
  }
  auto state = QueueDecider::DecodeState(R"({"exists":true,"config":{"name":"S"},
      "tasks":[{"task_id":"t"}],"created_at":"2025-12-03T10:30:00Z",
      "updated_at":"2025-12-03T10:30:00Z"})");
  REQUIRE_FALSE(state.ok());
  CHECK(state.status().message().find("tasks") != std::string::npos);
  CHECK(QueueDecider::DecodeEvent("AgentRegistered", "{}").status().IsInvalidArgument());
}

}  // namespace
}  // namespace sb::domain
