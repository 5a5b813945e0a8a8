// A runtime over a temp log, and blocking helpers to talk to it from the test thread.
#ifndef SWITCHBOARD_TESTS_ACTORS_RUNTIME_FIXTURE_H_
#define SWITCHBOARD_TESTS_ACTORS_RUNTIME_FIXTURE_H_

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "actors/runtime.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"
#include "eventstore/event_store.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {

using actors::EntityCommand;
using actors::EntityReply;

class RuntimeFixture {
 public:
  explicit RuntimeFixture(actors::RuntimeOptions runtime_options = {}, es::StoreOptions store = {})
      : options(std::move(runtime_options)), store_options(std::move(store)) {
    Open();
  }
  ~RuntimeFixture() { Close(); }

  void Open() {
    auto store = es::EventStore::Open(dir_.Sub("log"), store_options);
    REQUIRE(store.ok());
    store_ = std::move(store).value();
    runtime_ = actors::Runtime::Start(store_.get(), options);
    WaitUntil([&] { return runtime_->ready(); });
    REQUIRE(runtime_->recovery_status().ok());
  }
  void Close() {
    runtime_.reset();
    store_.reset();
  }
  // A restart of the process: everything in memory is lost, the log stays.
  void Restart() {
    Close();
    Open();
  }

  template <class D>
  EntityReply<D> Ask(const std::string& id, std::optional<typename D::Command> command,
                     const std::string& tenant = "acme") {
    EntityCommand<D> c;
    c.key = actors::EntityKey{tenant, id};
    c.command = std::move(command);
    c.meta.actor = "test";
    std::promise<Result<EntityReply<D>>> promise;
    auto future = promise.get_future();
    runtime_->Ask<D>(std::move(c),
                     [&promise](Result<EntityReply<D>> r) { promise.set_value(std::move(r)); });
    auto result = future.get();
    INFO(result.status().ToString());
    REQUIRE(result.ok());
    return std::move(result).value();
  }

  template <class D>
  typename D::State Get(const std::string& id, const std::string& tenant = "acme") {
    return Ask<D>(id, std::nullopt, tenant).state;
  }

  actors::ClickToCallResult Call(const std::string& agent_id, const std::string& lead_id,
                                 const std::string& phone = "+14155550100") {
    actors::ClickToCallRequest request;
    request.tenant = "acme";
    request.call.to_phone = phone;
    request.call.agent_id = agent_id;
    request.call.lead_id = lead_id;
    request.meta.actor = "agent:" + agent_id;
    std::promise<actors::ClickToCallResult> promise;
    auto future = promise.get_future();
    runtime_->InitiateClickToCall(std::move(request), [&promise](actors::ClickToCallResult r) {
      promise.set_value(std::move(r));
    });
    return future.get();
  }

  // Registers an agent and puts it online.
  void OnlineAgent(const std::string& id) {
    domain::RegisterAgent reg;
    reg.profile.name = "Agent " + id;
    REQUIRE(Ask<domain::AgentDecider>(id, reg).ok());
    REQUIRE(Ask<domain::AgentDecider>(
                id, domain::ChangeAgentStatus{domain::AgentStatus::kOnline, "shift"})
                .ok());
  }

  // Registers a customer; `online` opens a console connection.
  void Customer(const std::string& id, bool consent, bool online) {
    domain::RegisterCustomer reg;
    reg.profile.name = "Customer " + id;
    reg.profile.phone = "+14155550100";
    reg.profile.consent_in_app_calls = consent;
    REQUIRE(Ask<domain::CustomerDecider>(id, reg).ok());
    if (online) {
      REQUIRE(Ask<domain::CustomerDecider>(id, domain::ConnectCustomer{"conn-" + id}).ok());
    }
  }

  // Polls `condition` every 10 ms for up to 20 s (a deadline, not a timing assertion).
  static void WaitUntil(const std::function<bool()>& condition) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!condition()) {
      REQUIRE(std::chrono::steady_clock::now() < until);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  es::EventStore& store() { return *store_; }
  actors::Runtime& runtime() { return *runtime_; }

  actors::RuntimeOptions options;
  es::StoreOptions store_options;

 private:
  TempDir dir_;
  std::unique_ptr<es::EventStore> store_;
  std::unique_ptr<actors::Runtime> runtime_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_ACTORS_RUNTIME_FIXTURE_H_
