#include "actors/entity_registry.h"

#include <chrono>
#include <deque>
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
  auto it = st.by_stream.find(StreamName(key, D::kKind));
  if (it != st.by_stream.end()) return it->second;
  return SpawnEntity<D>(self, key, new_stream);
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
    const bool crashed = down.reason && down.reason != caf::exit_reason::normal &&
                         down.reason != caf::exit_reason::user_shutdown;
    if (crashed && MayRestart(st, entry.stream)) {
      if (st.ctx->counters) ++st.ctx->counters->restarted;
      SpawnByKind(self, entry.kind, entry.key);
    }
  });
  return {
      [=](EntityCommand<domain::AgentDecider>& c) {
        auto entity = GetOrSpawn<domain::AgentDecider>(self, c.key, c.new_stream);
        return self->delegate(entity, std::move(c));
      },
      [=](EntityCommand<domain::CustomerDecider>& c) {
        auto entity = GetOrSpawn<domain::CustomerDecider>(self, c.key, c.new_stream);
        return self->delegate(entity, std::move(c));
      },
      [=](EntityCommand<domain::CallDecider>& c) {
        auto entity = GetOrSpawn<domain::CallDecider>(self, c.key, c.new_stream);
        return self->delegate(entity, std::move(c));
      },
      [=](EntityCommand<domain::ProviderDecider>& c) {
        auto entity = GetOrSpawn<domain::ProviderDecider>(self, c.key, c.new_stream);
        return self->delegate(entity, std::move(c));
      },
      [=](EntityCommand<domain::QueueDecider>& c) {
        auto entity = GetOrSpawn<domain::QueueDecider>(self, c.key, c.new_stream);
        return self->delegate(entity, std::move(c));
      },
      [=](EntityCommand<domain::CallingPolicyDecider>& c) {
        auto entity = GetOrSpawn<domain::CallingPolicyDecider>(self, c.key, c.new_stream);
        return self->delegate(entity, std::move(c));
      },
      [=](wake_atom, const std::string& stream) {
        auto first = stream.find('/');
        auto second = stream.find('/', first + 1);
        if (first == std::string::npos || second == std::string::npos) return;
        EntityKey key{stream.substr(0, first), stream.substr(second + 1)};
        SpawnByKind(self, stream.substr(first + 1, second - first - 1), key);
      },
      [=](count_atom) { return static_cast<uint64_t>(self->state.by_stream.size()); },
      [=](stop_atom) {
        for (auto& [stream, entity] : self->state.by_stream) {
          self->demonitor(entity);
          self->send_exit(entity, caf::exit_reason::user_shutdown);
        }
        self->state.by_stream.clear();
        self->state.by_addr.clear();
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
