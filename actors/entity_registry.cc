#include "actors/entity_registry.h"

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

#include <caf/all.hpp>

#include "actors/atoms.h"
#include "actors/entity_actor.h"
#include "actors/entity_messages.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/compliance/policy_decider.h"
#include "domain/customer_decider.h"
#include "domain/provider_decider.h"
#include "domain/routing/queue_decider.h"

namespace sb::actors {

// Restarting more often than this within the window means the entity crashes on recovery:
// give up on it (its next message spawns it again) instead of spinning.
constexpr int kMaxRestarts = 5;
constexpr auto kRestartWindow = std::chrono::seconds(60);

struct EntityRegistryState {
  static inline const char* name = "entity_registry";
  struct Entry {
    std::string stream;
    std::string kind;
    EntityKey key;
  };
  std::shared_ptr<const EntityContext> ctx;
  std::unordered_map<std::string, caf::actor> by_stream;
  std::unordered_map<caf::actor_addr, Entry> by_addr;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> restarts;
  // Streams whose actor agreed to passivate, and the commands that came for them since: they
  // wait here until that actor is gone (then go to a fresh one) or resumes. No command reaches
  // an actor that has quit, and no stream has two actors.
  std::unordered_map<std::string, std::vector<std::function<void(const caf::actor&)>>> held;
};

namespace {

using Self = caf::stateful_actor<EntityRegistryState>;

template <class D>
caf::actor SpawnEntity(Self* self, const EntityKey& key, bool new_stream) {
  auto& st = self->state;
  std::string stream = StreamName(key, D::kKind);
  auto entity = SpawnEntity<D>(self, st.ctx, caf::actor_cast<caf::actor>(self), key, new_stream);
  st.by_stream.emplace(stream, entity);
  st.by_addr.emplace(entity.address(), EntityRegistryState::Entry{stream, D::kKind, key});
  return entity;
}

template <class D>
caf::actor GetOrSpawn(Self* self, const EntityKey& key, bool new_stream = false) {
  auto& st = self->state;
  const std::string stream = StreamName(key, D::kKind);
  if (auto it = st.by_stream.find(stream); it != st.by_stream.end()) return it->second;
  if (auto held = st.held.find(stream); held != st.held.end()) {
    // Its actor is still passivating: spawn the next one once it is gone.
    if (held->second.empty()) held->second.emplace_back([](const caf::actor&) {});
    return caf::actor{};
  }
  return SpawnEntity<D>(self, key, new_stream);
}

// Hands the command to its entity's actor, or holds it while that actor passivates.
template <class D>
caf::response_promise Route(Self* self, EntityCommand<D>& command) {
  auto promise = self->make_response_promise();
  auto& held = self->state.held;
  auto it = held.empty() ? held.end() : held.find(StreamName(command.key, D::kKind));
  if (it != held.end()) {
    it->second.emplace_back(
        [promise, command = std::move(command)](const caf::actor& entity) mutable {
          if (entity) {
            promise.delegate(entity, std::move(command));
          } else {  // the registry is stopping
            promise.deliver(caf::make_error(caf::sec::request_receiver_down));
          }
        });
    return promise;
  }
  promise.delegate(GetOrSpawn<D>(self, command.key, command.new_stream), std::move(command));
  return promise;
}

// The entry of the actor that sent the current message, if it is a live entity of ours.
EntityRegistryState::Entry* SenderEntry(Self* self, caf::actor* sender) {
  *sender = caf::actor_cast<caf::actor>(self->current_sender());
  auto it = self->state.by_addr.find(sender->address());
  return it == self->state.by_addr.end() ? nullptr : &it->second;
}

caf::actor SpawnByKind(Self* self, const std::string& kind, const EntityKey& key) {
  if (kind == domain::AgentDecider::kKind) return GetOrSpawn<domain::AgentDecider>(self, key);
  if (kind == domain::CustomerDecider::kKind) {
    return GetOrSpawn<domain::CustomerDecider>(self, key);
  }
  if (kind == domain::CallDecider::kKind) return GetOrSpawn<domain::CallDecider>(self, key);
  if (kind == domain::ProviderDecider::kKind) {
    return GetOrSpawn<domain::ProviderDecider>(self, key);
  }
  if (kind == domain::QueueDecider::kKind) return GetOrSpawn<domain::QueueDecider>(self, key);
  if (kind == domain::CallingPolicyDecider::kKind) {
    return GetOrSpawn<domain::CallingPolicyDecider>(self, key);
  }
  return caf::actor{};
}

// True if the entity may be restarted now (fewer than kMaxRestarts in the window).
bool MayRestart(EntityRegistryState& st, const std::string& stream) {
  auto& times = st.restarts[stream];
  const auto now = std::chrono::steady_clock::now();
  while (!times.empty() && now - times.front() > kRestartWindow) times.pop_front();
  if (static_cast<int>(times.size()) >= kMaxRestarts) return false;
  times.push_back(now);
  return true;
}

caf::behavior EntityRegistry(Self* self, std::shared_ptr<const EntityContext> context) {
  self->state.ctx = std::move(context);
  self->set_down_handler([=](caf::down_msg& down) {
    auto& st = self->state;
    auto it = st.by_addr.find(down.source);
    if (it == st.by_addr.end()) return;
    if (st.ctx->counters) ++st.ctx->counters->terminated;
    auto entry = std::move(it->second);
    st.by_addr.erase(it);
    auto live = st.by_stream.find(entry.stream);
    if (live != st.by_stream.end() && live->second.address() == down.source) {
      st.by_stream.erase(live);
    }
    std::vector<std::function<void(const caf::actor&)>> waiting;
    if (auto held = st.held.find(entry.stream); held != st.held.end()) {
      waiting = std::move(held->second);
      st.held.erase(held);
    }
    const bool crashed = down.reason && down.reason != caf::exit_reason::normal &&
                         down.reason != caf::exit_reason::user_shutdown;
    if (crashed && MayRestart(st, entry.stream)) {
      if (st.ctx->counters) ++st.ctx->counters->restarted;
      SpawnByKind(self, entry.kind, entry.key);
    }
    if (!waiting.empty()) {
      auto next = SpawnByKind(self, entry.kind, entry.key);
      for (auto& deliver : waiting) deliver(next);
    }
  });
  return {
      [=](EntityCommand<domain::AgentDecider>& c) { return Route(self, c); },
      [=](EntityCommand<domain::CustomerDecider>& c) { return Route(self, c); },
      [=](EntityCommand<domain::CallDecider>& c) { return Route(self, c); },
      [=](EntityCommand<domain::ProviderDecider>& c) { return Route(self, c); },
      [=](EntityCommand<domain::QueueDecider>& c) { return Route(self, c); },
      [=](EntityCommand<domain::CallingPolicyDecider>& c) { return Route(self, c); },
      [=](wake_atom, const std::string& stream) {
        auto first = stream.find('/');
        auto second = stream.find('/', first + 1);
        if (first == std::string::npos || second == std::string::npos) return;
        EntityKey key{stream.substr(0, first), stream.substr(second + 1)};
        SpawnByKind(self, stream.substr(first + 1, second - first - 1), key);
      },
      [=](passivate_atom) {
        // An idle entity asks to go: from now on its commands wait here, and it is told to go
        // after every command routed to it before (the registry's messages arrive in order).
        caf::actor sender;
        auto* entry = SenderEntry(self, &sender);
        if (!entry) return;
        auto& st = self->state;
        auto live = st.by_stream.find(entry->stream);
        if (live == st.by_stream.end() || live->second != sender) return;  // asked before
        st.by_stream.erase(live);
        st.held[entry->stream];
        self->send(sender, passivate_atom::value);
      },
      [=](resume_atom) {
        // Those commands kept it busy: it stays, and what waited goes to it.
        caf::actor sender;
        auto* entry = SenderEntry(self, &sender);
        if (!entry) return;
        auto& st = self->state;
        auto held = st.held.find(entry->stream);
        if (held == st.held.end()) return;
        auto waiting = std::move(held->second);
        st.held.erase(held);
        st.by_stream.emplace(entry->stream, sender);
        for (auto& deliver : waiting) deliver(sender);
      },
      [=](count_atom) { return static_cast<uint64_t>(self->state.by_stream.size()); },
      [=](stop_atom) {
        auto& st = self->state;
        for (auto& [address, entry] : st.by_addr) {  // passivating ones too
          self->demonitor(address);
          self->send_exit(address, caf::exit_reason::user_shutdown);
        }
        for (auto& [stream, waiting] : st.held) {
          for (auto& deliver : waiting) deliver(caf::actor{});
        }
        st.by_stream.clear();
        st.by_addr.clear();
        st.held.clear();
        self->quit();
      },
  };
}

}  // namespace

caf::actor SpawnEntityRegistry(caf::actor_system& system,
                               std::shared_ptr<const EntityContext> context) {
  return system.spawn(EntityRegistry, std::move(context));
}

}  // namespace sb::actors
