#include "actors/runtime.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "actors/ask.h"
#include "actors/atoms.h"
#include "actors/click_to_call_saga.h"
#include "actors/entity_registry.h"
#include "actors/reactions.h"
#include "actors/startup_scan.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/compliance/policy_decider.h"
#include "domain/customer_decider.h"
#include "domain/provider_decider.h"
#include "domain/routing/queue_decider.h"

namespace sb::actors {
namespace {

// A unit of work run inside a bridge actor, so that code on an I/O thread can start requests
// without blocking: the send is a lock-free enqueue (caf-0.17.md section 8).
struct BridgeJob {
  std::function<void(caf::event_based_actor*)> run;
};

// Takes its index only because CAF 0.17 spawns an argument-less function actor through a null
// shared_ptr<std::tuple<>> (undefined behaviour that UBSan reports).
caf::behavior Bridge(caf::event_based_actor* self, int /*index*/) {
  return {[=](const BridgeJob& job) { job.run(self); }};
}

constexpr int kBridges = 2;
constexpr size_t kScanChunk = 65536;

}  // namespace
}  // namespace sb::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(sb::actors::BridgeJob)

namespace sb::actors {

domain::Timestamp SystemNow() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Runtime::Impl {
  es::EventStore* store = nullptr;
  RuntimeOptions options;
  EntityCounters counters;
  std::unique_ptr<BlockingPool> pool;
  std::shared_ptr<EntityContext> context;
  std::unique_ptr<caf::actor_system_config> config;
  std::unique_ptr<caf::actor_system> system;
  caf::actor registry;
  std::unique_ptr<ActorTimers> timers;
  std::vector<caf::actor> bridges;
  std::atomic<uint64_t> next_bridge{0};
  std::thread recovery;
  std::atomic<bool> ready{false};
  std::mutex mu;
  Status recovery_status;
  bool stopped = false;

  // Jobs with the same affinity go through the same bridge, so commands to one entity keep
  // the order they were posted in (a console's connect is never overtaken by its disconnect).
  void Post(size_t affinity, std::function<void(caf::event_based_actor*)> job) {
    auto& bridge = bridges[affinity % bridges.size()];
    caf::anon_send(bridge, BridgeJob{std::move(job)});
  }

  void Recover();
  void ReleaseOrphans(const StartupScan& scan);
};

void Runtime::Impl::Recover() {
  StartupScan scan;
  uint64_t from = 1;
  Status status;
  for (;;) {
    auto next =
        store->ScanAll(from, kScanChunk, {}, [&](const es::RecordedEvent& e) { scan.Observe(e); });
    if (!next.ok()) {
      status = next.status();
      break;
    }
    if (next.value() == from) break;
    from = next.value();
  }
  if (status.ok()) {
    for (const auto& stream : scan.pending_deadlines()) {
      caf::anon_send(registry, wake_atom::value, stream);
    }
    ReleaseOrphans(scan);
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    recovery_status = status;
  }
  ready.store(true);
}

// Holds whose call never came to exist or has already ended, and console connections that
// died with the previous process.
void Runtime::Impl::ReleaseOrphans(const StartupScan& scan) {
  caf::scoped_actor self{*system};
  auto call_is_live = [&](const std::string& tenant, const std::string& call_id) {
    EntityCommand<domain::CallDecider> query;
    query.key = EntityKey{tenant, call_id};
    bool live = true;  // when in doubt, keep the hold: releasing a live call's is worse
    self->request(registry, options.ask_timeout, std::move(query))
        .receive(
            [&](EntityReply<domain::CallDecider>& reply) {
              if (reply.status.ok()) live = reply.state.exists && !reply.state.IsTerminal();
            },
            [&](caf::error&) {});
    return live;
  };
  StreamParts parts;
  for (const auto& [stream, call_id] : scan.agent_holds()) {
    if (!SplitStreamName(stream, &parts) || call_is_live(parts.tenant, call_id)) continue;
    ReleaseAgent(registry, parts.tenant, parts.id, call_id, 0);
  }
  for (const auto& [stream, call_id] : scan.line_holds()) {
    if (!SplitStreamName(stream, &parts) || call_is_live(parts.tenant, call_id)) continue;
    ReleaseLine(registry, parts.tenant, parts.id, call_id);
  }
  for (const auto& [stream, connections] : scan.open_connections()) {
    if (!SplitStreamName(stream, &parts)) continue;
    for (const auto& connection : connections) {
      EntityCommand<domain::CustomerDecider> disconnect;
      disconnect.key = EntityKey{parts.tenant, parts.id};
      disconnect.command = domain::DisconnectCustomer{connection, options.presence_grace_seconds};
      disconnect.meta.actor = "system";
      caf::anon_send(registry, std::move(disconnect));
    }
  }
}

std::unique_ptr<Runtime> Runtime::Start(es::EventStore* store, RuntimeOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->store = store;
  impl->options = std::move(options);
  impl->pool = std::make_unique<BlockingPool>(impl->options.blocking_threads, "sb-entity-io");
  impl->context = std::make_shared<EntityContext>();
  impl->context->store = store;
  impl->context->pool = impl->pool.get();
  impl->context->clock = impl->options.clock;
  impl->context->settings = impl->options.entity;
  impl->context->counters = &impl->counters;

  impl->config = std::make_unique<caf::actor_system_config>();
  impl->config->set("scheduler.max-threads", static_cast<size_t>(impl->options.scheduler_threads));
  impl->config->set("scheduler.policy", caf::atom("sharing"));
  impl->config->set("logger.verbosity", caf::atom("quiet"));
  impl->system = std::make_unique<caf::actor_system>(*impl->config);
  impl->timers = std::make_unique<ActorTimers>(impl->options.ask_timeout);
  impl->context->timers = impl->timers.get();
  impl->registry = SpawnEntityRegistry(*impl->system, impl->context);
  for (int i = 0; i < kBridges; ++i) impl->bridges.push_back(impl->system->spawn(Bridge, i));
  Impl* raw = impl.get();
  impl->recovery = std::thread([raw] { raw->Recover(); });
  return std::unique_ptr<Runtime>(new Runtime(std::move(impl)));
}

Runtime::Runtime(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Runtime::~Runtime() { Stop(); }

void Runtime::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  if (impl_->recovery.joinable()) impl_->recovery.join();
  caf::anon_send(impl_->registry, stop_atom::value);
  for (auto& bridge : impl_->bridges) caf::anon_send_exit(bridge, caf::exit_reason::user_shutdown);
  impl_->registry = nullptr;
  impl_->bridges.clear();
  impl_->system->await_all_actors_done();
  impl_->timers.reset();  // the actors it would mail are gone
  impl_->pool.reset();    // runs queued recoveries and snapshots; their mail goes nowhere
  // Appends still in the writer hold actor handles in their callbacks: let them finish while
  // the actor system is alive.
  while (impl_->context->appends_in_flight.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->system.reset();
}

bool Runtime::ready() const { return impl_->ready.load(); }

Status Runtime::recovery_status() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->recovery_status;
}

const EntityCounters& Runtime::counters() const { return impl_->counters; }
const RuntimeOptions& Runtime::options() const { return impl_->options; }

template <class D>
void Runtime::Ask(EntityCommand<D> command, ReplyCallback<D> done) {
  auto registry = impl_->registry;
  ActorTimers* timers = impl_->timers.get();
  const size_t affinity = std::hash<std::string>{}(command.key.id);
  impl_->Post(affinity, [registry, timers, command = std::move(command),
                         done = std::move(done)](caf::event_based_actor* self) mutable {
    AskFrom<D>(self, registry, *timers, std::move(command), std::move(done));
  });
}

template void Runtime::Ask<domain::AgentDecider>(EntityCommand<domain::AgentDecider>,
                                                 ReplyCallback<domain::AgentDecider>);
template void Runtime::Ask<domain::CustomerDecider>(EntityCommand<domain::CustomerDecider>,
                                                    ReplyCallback<domain::CustomerDecider>);
template void Runtime::Ask<domain::CallDecider>(EntityCommand<domain::CallDecider>,
                                                ReplyCallback<domain::CallDecider>);
template void Runtime::Ask<domain::ProviderDecider>(EntityCommand<domain::ProviderDecider>,
                                                    ReplyCallback<domain::ProviderDecider>);
template void Runtime::Ask<domain::QueueDecider>(EntityCommand<domain::QueueDecider>,
                                                 ReplyCallback<domain::QueueDecider>);
template void Runtime::Ask<domain::CallingPolicyDecider>(
    EntityCommand<domain::CallingPolicyDecider>, ReplyCallback<domain::CallingPolicyDecider>);

void Runtime::InitiateClickToCall(ClickToCallRequest request,
                                  std::function<void(ClickToCallResult)> done) {
  SagaEnvironment env{impl_->registry, impl_->timers.get(), impl_->options.click_to_call,
                      impl_->options.clock};
  const size_t affinity = impl_->next_bridge.fetch_add(1, std::memory_order_relaxed);
  impl_->Post(affinity, [env = std::move(env), request = std::move(request),
                         done = std::move(done)](caf::event_based_actor* self) mutable {
    RunClickToCall(self, env, std::move(request), std::move(done));
  });
}

}  // namespace sb::actors
