// Queue decider: configuration, the waiting list and its order, cancellation, escalation.
#include <catch2/catch.hpp>

#include "tests/routing/routing_fixture.h"

namespace sb::domain {
namespace {

using testing::Agent;
using testing::Call;
using testing::Ids;
using testing::kT0;
using testing::Only;
using testing::QueueHarness;
using testing::QueueWith;
using testing::SalesQueue;
using testing::Types;
using testing::WaitingIds;
using Kind = Rejection::Kind;

TEST_CASE("queue: every command but ConfigureQueue is 404 before configuration", "[queue]") {
  const QueueCommand commands[] = {
      Call("t1"),
      OfferTask{"o1", "", {Agent("a")}, 0},
      AcceptOffer{"o1", "a"},
      RejectOffer{"o1", "a", ""},
      WithdrawAgentOffers{"a", ""},
      CancelTask{"t1", ""},
      RequeueTask{"t1", ""},
  };
  for (const QueueCommand& c : commands) {
    QueueHarness h;
    h.Reject(c, Kind::kNotFound, "queue_not_found");
  }
  QueueHarness h;
  CHECK(h.Accept(ExpireQueueDeadlines{kT0}).empty());  // a timer of nothing is stale
}

TEST_CASE("queue: ConfigureQueue creates with defaults and is an upsert", "[queue]") {
  QueueHarness h;
  QueueConfig config;
  config.name = "Support";
  CHECK(h.Accept(ConfigureQueue{config}) == Types{"QueueConfigured"});
  CHECK(h.state.exists);
  CHECK(h.state.config.strategy == RoutingStrategy::kLongestIdle);
  CHECK(h.state.config.offer_timeout_seconds == 20);
  CHECK(h.state.config.max_no_answer == 3);
  CHECK(h.state.config.wrap_up_seconds == 10);
  CHECK(h.state.config.channel == QueueChannel::kVoice);
  CHECK(h.state.created_at == kT0);

  CHECK(h.Accept(ConfigureQueue{config}).empty());  // identical: no-op
  config.strategy = RoutingStrategy::kRingAll;
  h.now += Seconds(30);
  CHECK(h.Accept(ConfigureQueue{config}) == Types{"QueueConfigured"});
  CHECK(h.state.config.strategy == RoutingStrategy::kRingAll);
  CHECK(h.state.created_at == kT0);
  CHECK(h.state.updated_at == kT0 + Seconds(30));
}

TEST_CASE("queue: config validation", "[queue]") {
  struct Case {
    const char* what;
    void (*mutate)(QueueConfig&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"blank name", [](QueueConfig& c) { c.name = " "; }, "name_required", "name"},
      {"empty skill", [](QueueConfig& c) { c.required_skills.insert(""); }, "invalid_skill",
       "required_skills"},
      {"zero offer timeout", [](QueueConfig& c) { c.offer_timeout_seconds = 0; },
       "invalid_offer_timeout", "offer_timeout_seconds"},
      {"huge offer timeout", [](QueueConfig& c) { c.offer_timeout_seconds = 3601; },
       "invalid_offer_timeout", "offer_timeout_seconds"},
      {"negative max_no_answer", [](QueueConfig& c) { c.max_no_answer = -1; },
       "invalid_max_no_answer", "max_no_answer"},
      {"negative wrap-up", [](QueueConfig& c) { c.wrap_up_seconds = -1; },
       "invalid_wrap_up_seconds", "wrap_up_seconds"},
      {"negative widen delay", [](QueueConfig& c) { c.escalation.widen_after_seconds = -5; },
       "invalid_escalation", "escalation"},
      {"fallback without queue", [](QueueConfig& c) { c.escalation.fallback_after_seconds = 60; },
       "fallback_queue_required", "escalation"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    QueueConfig config = SalesQueue();
    c.mutate(config);
    QueueHarness fresh;
    CHECK(fresh.Reject(ConfigureQueue{config}, Kind::kInvalid, c.code).field == c.field);
    CHECK_FALSE(fresh.state.exists);
  }
  QueueConfig never_answered = SalesQueue();
  never_answered.max_no_answer = 0;  // 0 = never send to break
  never_answered.wrap_up_seconds = 0;
  QueueHarness h;
  CHECK(h.Accept(ConfigureQueue{never_answered}) == Types{"QueueConfigured"});
}

TEST_CASE("queue: tasks wait by priority, then by age, then by arrival", "[queue]") {
  QueueHarness h = QueueWith();
  h.Accept(Call("normal-1"));
  h.now += Seconds(1);
  h.Accept(Call("vip", 10));
  h.now += Seconds(1);
  h.Accept(Call("normal-2"));
  EnqueueTask moved = Call("moved-in");  // waited elsewhere since before everyone
  moved.at = kT0 - Seconds(100);
  h.Accept(moved);
  EnqueueTask same_instant = Call("normal-3");  // same instant as normal-2: arrival decides
  h.Accept(same_instant);
  h.Accept(Call("low", -5));

  CHECK(WaitingIds(h.state) == Ids{"vip", "moved-in", "normal-1", "normal-2", "normal-3", "low"});
  const QueueTask* t = FindTask(h.state, "moved-in");
  REQUIRE(t != nullptr);
  CHECK(t->waiting_since == kT0 - Seconds(100));
  CHECK(t->enqueued_at == kT0 + Seconds(2));
  CHECK(LongestWait(h.state, kT0 + Seconds(10)) == Seconds(110));
  CHECK(LongestWait(QueueWith().state, kT0) == 0);
}

TEST_CASE("queue: the enqueued task keeps what the caller said", "[queue]") {
  QueueHarness h = QueueWith();
  EnqueueTask callback;
  callback.task_id = "cb-1";
  callback.kind = TaskKind::kCallback;  // no call yet: call_id may be empty
  callback.caller_number = "+8801712345678";
  callback.customer_name = "Rahim";
  callback.customer_email = "rahim@example.com";
  callback.priority = 3;
  callback.required_skills = std::set<std::string>{"bangla"};
  const auto e = Only<TaskEnqueued>(h, callback);
  CHECK(e.task.task_id == "cb-1");
  CHECK(e.task.kind == TaskKind::kCallback);
  CHECK(e.task.call_id.empty());
  CHECK(e.task.customer_email == "rahim@example.com");
  CHECK(e.task.required_skills == std::set<std::string>{"bangla"});
  CHECK(e.task.waiting_since == kT0);
  CHECK(RequiredSkillsOf(h.state.config, *FindTask(h.state, "cb-1")) ==
        std::set<std::string>{"bangla"});
}

TEST_CASE("queue: EnqueueTask validation", "[queue]") {
  QueueHarness h = QueueWith();
  EnqueueTask no_id = Call("");
  CHECK(h.Reject(no_id, Kind::kInvalid, "task_id_required").field == "task_id");
  EnqueueTask no_call = Call("t1");
  no_call.call_id.clear();
  CHECK(h.Reject(no_call, Kind::kInvalid, "call_id_required").field == "call_id");
  EnqueueTask bad_phone = Call("t1");
  bad_phone.caller_number = "555-0100";
  CHECK(h.Reject(bad_phone, Kind::kInvalid, "invalid_phone").field == "caller_number");
  EnqueueTask bad_email = Call("t1");
  bad_email.customer_email = "nope";
  CHECK(h.Reject(bad_email, Kind::kInvalid, "invalid_email").field == "customer_email");
  EnqueueTask bad_skill = Call("t1");
  bad_skill.required_skills = std::set<std::string>{""};
  CHECK(h.Reject(bad_skill, Kind::kInvalid, "invalid_skill").field == "required_skills");
  EnqueueTask future = Call("t1");
  future.at = kT0 + 1;
  CHECK(h.Reject(future, Kind::kInvalid, "invalid_at").field == "at");
  CHECK(h.state.tasks.empty());
}

TEST_CASE("queue: the task id makes EnqueueTask idempotent", "[queue]") {
  QueueHarness h = QueueWith();
  h.Accept(Call("t1"));
  h.now += Seconds(5);
  CHECK(h.Accept(Call("t1")).empty());  // duplicate webhook
  REQUIRE(h.state.tasks.size() == 1);
  CHECK(h.state.tasks[0].waiting_since == kT0);  // first arrival counts
}

TEST_CASE("queue: a closed task is not resurrected by a late duplicate", "[queue]") {
  QueueHarness h = QueueWith();
  h.Accept(Call("t1"));
  h.Accept(CancelTask{"t1", "caller_hung_up"});
  h.Reject(Call("t1"), Kind::kConflict, "task_closed");

  h.Accept(Call("t2"));
  h.Accept(OfferTask{"o2", "t2", {Agent("alice")}, 0});
  h.Accept(AcceptOffer{"o2", "alice"});
  CHECK(h.Reject(Call("t2"), Kind::kConflict, "task_closed").holder == "alice");
}

TEST_CASE("queue: cancel a waiting task", "[queue]") {
  QueueHarness h = QueueWith();
  h.Accept(Call("t1"));
  h.Accept(Call("t2"));
  const auto e = Only<TaskCanceled>(h, CancelTask{"t1", "caller_hung_up"});
  CHECK(e.reason == "caller_hung_up");
  CHECK(e.offer_id.empty());
  CHECK(WaitingIds(h.state) == Ids{"t2"});
  CHECK(h.Accept(CancelTask{"t1", ""}).empty());  // already gone: no-op
  h.Reject(CancelTask{"nope", ""}, Kind::kNotFound, "task_not_found");
  CHECK(Only<TaskCanceled>(h, CancelTask{"t2", ""}).reason == "canceled");
  CHECK(h.state.tasks.empty());
}

QueueConfig Escalating() {
  QueueConfig q = SalesQueue();
  q.required_skills = {"sales", "spanish"};
  q.escalation.widen_after_seconds = 30;
  q.escalation.widen_to_skills = {"sales"};
  q.escalation.fallback_after_seconds = 120;
  q.escalation.fallback_queue_id = "general";
  return q;
}

TEST_CASE("queue: escalation widens the skills once, then moves the task", "[queue]") {
  QueueHarness h = QueueWith(Escalating());
  h.Accept(Call("t1"));
  CHECK(QueueDecider::DeadlineOf(h.state) == kT0 + Seconds(30));
  auto sales_only = Agent("sales_only");
  h.Reject(OfferTask{"o1", "t1", {sales_only}, 0}, Kind::kConflict, "no_eligible_agent");

  h.now = kT0 + Seconds(29);
  CHECK(h.Accept(QueueDecider::ExpiryCommand(kT0 + Seconds(29))).empty());  // early timer

  h.now = kT0 + Seconds(31);
  const auto widened = Only<TaskSkillsWidened>(h, QueueDecider::ExpiryCommand(kT0 + Seconds(30)));
  CHECK(widened.task_id == "t1");
  CHECK(widened.from == std::set<std::string>{"sales", "spanish"});
  CHECK(widened.to == std::set<std::string>{"sales"});
  CHECK(RequiredSkillsOf(h.state.config, *FindTask(h.state, "t1")) ==
        std::set<std::string>{"sales"});
  CHECK(h.Accept(ExpireQueueDeadlines{kT0 + Seconds(30)}).empty());  // duplicate timer
  CHECK(QueueDecider::DeadlineOf(h.state) == kT0 + Seconds(120));

  h.now = kT0 + Seconds(120);
  const auto moved = Only<TaskMovedToFallback>(h, ExpireQueueDeadlines{kT0 + Seconds(120)});
  CHECK(moved.fallback_queue_id == "general");
  CHECK(moved.task.task_id == "t1");
  CHECK(moved.task.call_id == "call-t1");
  CHECK(moved.task.waiting_since == kT0);  // for EnqueueTask{at} in the fallback queue
  CHECK(h.state.tasks.empty());
  CHECK_FALSE(QueueDecider::DeadlineOf(h.state).has_value());
}

TEST_CASE("queue: widening only ever drops requirements", "[queue]") {
  QueueConfig q = Escalating();
  q.escalation.widen_to_skills = {"sales", "french"};  // french was never required
  QueueHarness h = QueueWith(q);
  EnqueueTask vip = Call("vip");
  vip.required_skills = std::set<std::string>{"spanish", "senior"};
  h.Accept(vip);
  h.now = kT0 + Seconds(30);
  const auto widened = Only<TaskSkillsWidened>(h, ExpireQueueDeadlines{h.now});
  CHECK(widened.from == std::set<std::string>{"senior", "spanish"});
  CHECK(widened.to.empty());  // nothing of widen_to was required: anyone may take it now
}

TEST_CASE("queue: a task moved back from its fallback queue may wait here again", "[queue]") {
  QueueHarness h = QueueWith(Escalating());
  h.Accept(Call("t1"));
  h.now = kT0 + Seconds(200);
  h.Accept(ExpireQueueDeadlines{h.now});
  REQUIRE(h.state.tasks.empty());
  EnqueueTask back = Call("t1");
  back.at = kT0;
  CHECK(h.Accept(back) == Types{"TaskEnqueued"});
  const QueueTask* t = FindTask(h.state, "t1");
  REQUIRE(t != nullptr);
  CHECK(t->waiting_since == kT0);
  CHECK(t->enqueued_at == kT0 + Seconds(200));  // escalation restarts here: no hot loop
  CHECK(QueueDecider::DeadlineOf(h.state) == kT0 + Seconds(230));
}

TEST_CASE("queue: fallback wins when both steps are due; each task escalates on its own clock",
          "[queue]") {
  QueueHarness h = QueueWith(Escalating());
  h.Accept(Call("old"));
  h.now = kT0 + Seconds(100);
  h.Accept(Call("young"));
  h.now = kT0 + Seconds(130);  // old: both due; young: widen due
  auto d = h.Run(ExpireQueueDeadlines{kT0 + Seconds(30)});
  CHECK(QueueHarness::TypesOf(d) == Types{"TaskMovedToFallback", "TaskSkillsWidened"});
  CHECK(std::get<TaskMovedToFallback>(EventsOf(d)[0]).task.task_id == "old");
  CHECK(std::get<TaskSkillsWidened>(EventsOf(d)[1]).task_id == "young");
  CHECK(WaitingIds(h.state) == Ids{"young"});
  // Whatever was due is done: the next wake-up is in the future, never a hot loop.
  REQUIRE(QueueDecider::DeadlineOf(h.state).has_value());
  CHECK(*QueueDecider::DeadlineOf(h.state) == kT0 + Seconds(220));
}

TEST_CASE("queue: an offered task does not escalate until its offer closes", "[queue]") {
  QueueConfig q = Escalating();
  q.required_skills = {"sales"};
  q.escalation.widen_after_seconds = 0;
  q.escalation.fallback_after_seconds = 10;
  q.offer_timeout_seconds = 20;
  QueueHarness h = QueueWith(q);
  h.Accept(Call("t1"));
  h.Accept(OfferTask{"o1", "t1", {Agent("alice")}, 0});
  CHECK(QueueDecider::DeadlineOf(h.state) == kT0 + Seconds(20));  // not the fallback at 10 s
  h.now = kT0 + Seconds(15);
  CHECK(h.Accept(ExpireQueueDeadlines{kT0 + Seconds(10)}).empty());
  h.now = kT0 + Seconds(20);
  CHECK(h.Accept(ExpireQueueDeadlines{kT0 + Seconds(20)}) ==
        Types{"OfferExpired", "TaskMovedToFallback"});
  CHECK(h.state.tasks.empty());
}

}  // namespace
}  // namespace sb::domain
