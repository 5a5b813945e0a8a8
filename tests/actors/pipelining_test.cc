// A queue entity decides its next append while one is in flight (append_pipelining.h): each
// command is still answered only once its events are durable, and a batch behind a refused
// one never lands.
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>

#include <catch2/catch.hpp>

#include "domain/routing/queue_decider.h"
#include "tests/actors/runtime_fixture.h"

namespace sb::testing {
namespace {

using domain::QueueDecider;

// Holds the log's acknowledgements while closed: the store calls on_batch after a sync and
// before answering any append of it, so an entity's batch stays durable but unanswered.
class AckGate {
 public:
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      closed_ = false;
    }
    cv_.notify_all();
  }
  void WaitUntilHolding() {
    std::unique_lock lock(mu_);
    REQUIRE(cv_.wait_for(lock, std::chrono::seconds(20), [&] { return holding_; }));
  }
  void OnBatch() {
    std::unique_lock lock(mu_);
    if (!closed_) return;
    holding_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return !closed_; });
    holding_ = false;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool closed_ = false;
  bool holding_ = false;
};

struct GatedFixture {
  std::shared_ptr<AckGate> gate = std::make_shared<AckGate>();
  RuntimeFixture f{{}, StoreOptionsFor(gate)};
  ~GatedFixture() { gate->Open(); }  // a failed check must not leave the log's thread held

  static es::StoreOptions StoreOptionsFor(const std::shared_ptr<AckGate>& gate) {
    es::StoreOptions options;
    options.on_batch = [gate](const es::BatchMetrics&) { gate->OnBatch(); };
    return options;
  }
};

domain::EnqueueTask Task(const std::string& id) {
  domain::EnqueueTask task;
  task.task_id = task.call_id = id;
  return task;
}

void ConfigureQueue(RuntimeFixture& f) {
  domain::ConfigureQueue configure;
  configure.config.name = "Support";
  REQUIRE(f.Ask<QueueDecider>("q", configure).ok());
}

// A command sent without waiting: `handed` turns true once its events are handed to the log.
struct Sent {
  std::shared_ptr<std::atomic<bool>> handed = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<std::promise<Result<EntityReply<QueueDecider>>>> reply =
      std::make_shared<std::promise<Result<EntityReply<QueueDecider>>>>();
  std::future<Result<EntityReply<QueueDecider>>> answer = reply->get_future();
};

Sent Send(RuntimeFixture& f, domain::QueueCommand command) {
  Sent sent;
  EntityCommand<QueueDecider> c;
  c.key = actors::EntityKey{"acme", "q"};
  c.command = std::move(command);
  c.meta.actor = "test";
  c.reply_with_state = false;  // as the router and the intake send them
  c.on_handed_to_log = [handed = sent.handed] { *handed = true; };
  f.runtime().Ask<QueueDecider>(std::move(c),
                                [reply = sent.reply](Result<EntityReply<QueueDecider>> r) {
                                  reply->set_value(std::move(r));
                                });
  return sent;
}

std::vector<std::string> EnqueuedTaskIds(RuntimeFixture& f) {
  auto events = f.store().ReadStream("acme/queue/q", 1, es::Direction::kForward, 1000);
  REQUIRE(events.ok());
  std::vector<std::string> ids;
  for (const auto& recorded : events.value()) {
    auto event = QueueDecider::DecodeEvent(recorded.type, recorded.payload);
    REQUIRE(event.ok());
    if (auto* enqueued = std::get_if<domain::TaskEnqueued>(&event.value())) {
      ids.push_back(enqueued->task.task_id);
    }
  }
  return ids;
}

bool Answered(const Sent& sent) {
  return sent.answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

TEST_CASE("a queue writes its next command while the batch ahead is not yet durable",
          "[actors][concurrency]") {
  GatedFixture g;
  auto& f = g.f;
  ConfigureQueue(f);
  g.gate->Close();
  Sent first = Send(f, Task("t-1"));
  g.gate->WaitUntilHolding();  // t-1 is synced, and its answer held
  Sent second = Send(f, Task("t-2"));
  // Without pipelining, t-2 would wait in the actor for t-1's answer, which the gate holds.
  RuntimeFixture::WaitUntil([&] { return second.handed->load(); });
  CHECK(first.handed->load());
  CHECK_FALSE(Answered(first));
  CHECK_FALSE(Answered(second));
  g.gate->Open();

  auto one = first.answer.get();
  auto two = second.answer.get();
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  CHECK(one.value().ok());
  CHECK(two.value().ok());
  CHECK(one.value().version == 2);  // durable versions, each its own batch's
  CHECK(two.value().version == 3);
  CHECK(two.value().last_position > one.value().last_position);
  CHECK(EnqueuedTaskIds(f) == std::vector<std::string>{"t-1", "t-2"});
  f.Restart();
  auto state = f.Get<QueueDecider>("q");
  CHECK(state.tasks.size() == 2);
}

// The stale view a crashed predecessor leaves: its append of t-1 lands after the queue read
// its stream. The queue then pipelines t-2 (refused: conflict) and t-1 behind it, whose
// expected version the predecessor's event happens to match.
TEST_CASE("a batch behind a refused one is refused too, and decided again on the log",
          "[actors][concurrency]") {
  GatedFixture g;
  auto& f = g.f;
  ConfigureQueue(f);
  const auto before = f.Get<QueueDecider>("q");
  auto decision = QueueDecider::Decide(before, Task("t-1"), 1'000'000);
  REQUIRE_FALSE(domain::IsRejected(decision));
  std::vector<es::EventData> predecessor;
  for (const auto& event : std::get<std::vector<domain::QueueEvent>>(decision)) {
    es::EventData data;
    data.type = QueueDecider::TypeOf(event);
    data.payload = QueueDecider::EncodeEvent(event);
    data.tenant = "acme";
    predecessor.push_back(std::move(data));
  }
  REQUIRE(predecessor.size() == 1);
  REQUIRE(f.store()
              .Append("acme/queue/q", es::ExpectedVersion::Exact(1), std::move(predecessor))
              .status.ok());

  g.gate->Close();
  // Another entity's write, so that whatever the queue appends next waits behind its answer.
  EntityCommand<domain::AgentDecider> agent;
  agent.key = actors::EntityKey{"acme", "a-1"};
  domain::RegisterAgent reg;
  reg.profile.name = "Ada";
  agent.command = reg;
  auto registered = std::make_shared<std::promise<bool>>();
  f.runtime().Ask<domain::AgentDecider>(std::move(agent),
                                        [registered](Result<EntityReply<domain::AgentDecider>> r) {
                                          registered->set_value(r.ok() && r.value().ok());
                                        });
  g.gate->WaitUntilHolding();
  Sent first = Send(f, Task("t-2"));
  Sent second = Send(f, Task("t-1"));
  RuntimeFixture::WaitUntil([&] { return first.handed->load() && second.handed->load(); });
  g.gate->Open();

  CHECK(registered->get_future().get());
  auto one = first.answer.get();
  auto two = second.answer.get();
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  INFO(one.value().status.ToString());
  CHECK(one.value().ok());
  INFO(two.value().status.ToString());
  CHECK(two.value().ok());  // decided again on the log: t-1 is already waiting, a no-op
  CHECK(EnqueuedTaskIds(f) == std::vector<std::string>{"t-1", "t-2"});
  CHECK(f.Get<QueueDecider>("q").tasks.size() == 2);
}

}  // namespace
}  // namespace sb::testing
