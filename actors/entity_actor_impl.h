// The definition of EntityActor<D>; included only by the three files that instantiate it
// (agent_actor.cc, customer_actor.cc, call_actor.cc), so the template compiles once per kind.
#ifndef SWITCHBOARD_ACTORS_ENTITY_ACTOR_IMPL_H_
#define SWITCHBOARD_ACTORS_ENTITY_ACTOR_IMPL_H_

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "actors/append_pipelining.h"
#include "actors/atoms.h"
#include "actors/entity_actor.h"
#include "actors/entity_messages.h"
#include "actors/reactions.h"
#include "domain/decision.h"

namespace sb::actors {

template <class Decider>
struct EntityActorState {
  static inline const char* name = "entity";
  using State = typename Decider::State;
  using Event = typename Decider::Event;

  enum class Phase { kRecovering, kReady, kBroken };

  struct Pending {
    EntityCommand<Decider> command;
    std::optional<caf::typed_response_promise<EntityReply<Decider>>> promise;
    int attempts = 0;
    // Decided as part of the batch being appended: its events, or why it was refused.
    std::vector<Event> events;
    std::optional<domain::Rejection> rejection;
  };

  std::shared_ptr<const EntityContext> ctx;
  caf::actor registry;
  EntityKey key;
  std::string stream;

  // The state includes the batches in flight (a refused append reads it back from the log);
  // `version` is the durable one, which replies carry.
  State state{};
  uint64_t version = 0;
  uint64_t decided_version = 0;  // `version` and the events of the batches in flight
  Phase phase = Phase::kRecovering;
  Status broken;  // why recovery failed (Phase::kBroken)

  // An append batch in flight; its commands are at the queue's front, in order, after those of
  // the batches ahead of it (append_pipelining.h).
  struct Batch {
    size_t commands = 0;
    uint64_t bytes = 0;        // payload bytes, towards the next snapshot
    bool wants_state = false;  // a command of it is answered with the state: nothing may follow
  };
  std::deque<Pending> queue;
  // A vector, not a deque: it holds at most AppendPipelining's few batches, and an empty
  // libstdc++ deque already allocates about 600 bytes, which every idle entity would carry.
  std::vector<Batch> in_flight;
  std::shared_ptr<es::AppendChain> chain;  // a new one after every read of the log
  // Once an append is refused, the batches behind it are refused as well (the chain). Until
  // the last of them is answered no batch starts; then the log is read again. On a conflict
  // their commands are kept (the first `retained` of the queue) and decided afresh.
  bool refusing = false;
  bool retry_refused = false;
  Status refusal;
  size_t retained = 0;

  uint64_t timer_generation = 0;
  std::optional<domain::Timestamp> armed_deadline;
  uint64_t events_since_snapshot = 0;
  // Payload bytes appended since the last snapshot, and that snapshot's size: a snapshot is
  // taken only once the events since the last one weigh four times as much, so that a large
  // state (a queue of thousands of tasks) is not encoded again every few events, while a
  // recovery still replays at most about four snapshots' worth of events.
  uint64_t bytes_since_snapshot = 0;
  uint64_t last_snapshot_bytes = 0;
  bool snapshot_in_flight = false;

  // Passivation: one idle check in flight at a time, instead of a receive timeout that CAF
  // would re-arm (a clock-thread round trip) on every message.
  std::chrono::steady_clock::time_point last_message;
  bool idle_check_armed = false;
};

namespace entity_detail {

constexpr int kMaxConflictRetries = 3;
constexpr size_t kRecoveryChunk = 512;

template <class D>
using Self = caf::stateful_actor<EntityActorState<D>>;

template <class D>
void Reply(EntityActorState<D>& /*st*/, typename EntityActorState<D>::Pending& p,
           EntityReply<D> reply) {
  if (p.promise) p.promise->deliver(std::move(reply));
}

template <class D>
EntityReply<D> CurrentReply(const EntityActorState<D>& st, const EntityCommand<D>& command) {
  EntityReply<D> reply;
  if (command.reply_with_state) reply.state = st.state;
  reply.version = st.version;
  return reply;
}

// The entity's state at `up_to` (or at the end of its stream, whichever comes first): its
// snapshot, if any, and the events after it, folded with the decider's own evolve. Recovery
// and snapshots both start here. Blocking: runs on the pool.
template <class D>
Recovered<D> FoldStream(const EntityContext& ctx, const std::string& stream, uint64_t up_to) {
  Recovered<D> out;
  if (auto snapshot = ctx.store->LoadSnapshot(stream);
      snapshot.ok() && snapshot.value().version <= up_to) {
    // A snapshot that no longer decodes is only a lost optimisation: replay everything.
    if (auto state = D::DecodeState(snapshot.value().state); state.ok()) {
      out.state = std::move(state).value();
      out.version = snapshot.value().version;
    }
  }
  while (out.version < up_to) {
    const size_t limit =
        static_cast<size_t>(std::min<uint64_t>(kRecoveryChunk, up_to - out.version));
    auto chunk = ctx.store->ReadStream(stream, out.version + 1, es::Direction::kForward, limit);
    if (!chunk.ok()) {
      out.status = chunk.status();
      break;
    }
    for (const auto& recorded : chunk.value()) {
      auto event = D::DecodeEvent(recorded.type, recorded.payload);
      if (!event.ok()) {
        out.status = Status::Corruption(stream + " v" + std::to_string(recorded.version) + ": " +
                                        event.status().ToString());
        break;
      }
      D::EvolveInPlace(out.state, event.value());
      out.version = recorded.version;
    }
    if (!out.status.ok() || chunk.value().size() < limit) break;
  }
  return out;
}

// Reads snapshot + stream on the blocking pool and mails the result back.
template <class D>
void StartRecovery(Self<D>* self) {
  auto& st = self->state;
  st.phase = EntityActorState<D>::Phase::kRecovering;
  auto handle = caf::actor_cast<caf::actor>(self);
  auto ctx = st.ctx;
  auto stream = st.stream;
  ctx->pool->Post([ctx, stream, handle] {
    caf::anon_send(handle, recovered_atom::value, FoldStream<D>(*ctx, stream, UINT64_MAX));
  });
}

// Mails the actor itself `xs` after `delay`.
template <class D, class... Ts>
void SendLater(Self<D>* self, std::chrono::steady_clock::duration delay, Ts&&... xs) {
  self->state.ctx->timers->Send(caf::actor_cast<caf::strong_actor_ptr>(self), delay,
                                caf::make_message(std::forward<Ts>(xs)...));
}

// Arms a timer for the state's deadline if it changed; older timers become stale.
template <class D>
void ArmDeadline(Self<D>* self) {
  auto& st = self->state;
  auto deadline = D::DeadlineOf(st.state);
  if (deadline == st.armed_deadline) return;
  st.armed_deadline = deadline;
  const uint64_t generation = ++st.timer_generation;
  if (!deadline) return;
  auto delay = std::max<domain::Timestamp>(0, *deadline - st.ctx->clock());
  SendLater(self, std::chrono::microseconds(delay), deadline_atom::value, generation);
}

template <class D>
void MaybeSnapshot(Self<D>* self, uint64_t new_events) {
  auto& st = self->state;
  st.events_since_snapshot += new_events;
  const uint64_t every = st.ctx->settings.snapshot_every;
  if (every == 0 || st.events_since_snapshot < every) return;
  if (st.snapshot_in_flight || st.bytes_since_snapshot < 4 * st.last_snapshot_bytes) return;
  st.events_since_snapshot = 0;
  st.bytes_since_snapshot = 0;
  st.snapshot_in_flight = true;
  // Folded again from the log on the pool, not copied: the entity's commands would wait for a
  // copy of a large state (5-8 ms for a queue of thousands of tasks), and the log up to this
  // version is durable, so the pool arrives at the same state.
  auto handle = caf::actor_cast<caf::actor>(self);
  auto ctx = st.ctx;
  auto stream = st.stream;
  const uint64_t version = st.version;
  ctx->pool->Post([ctx, stream, version, handle] {
    uint64_t bytes = 0;
    auto folded = FoldStream<D>(*ctx, stream, version);
    if (folded.status.ok() && folded.version == version) {  // else a lost optimisation only
      es::Snapshot snapshot{version, D::EncodeState(folded.state)};
      bytes = snapshot.state.size();
      ctx->store->SaveSnapshot(stream, snapshot);  // best effort: replay covers a lost one
    }
    caf::anon_send(handle, snapshot_atom::value, bytes);
  });
}

template <class D>
std::vector<es::EventData> ToEventData(const EntityActorState<D>& st, const CommandMeta& meta,
                                       const std::vector<typename D::Event>& events,
                                       domain::Timestamp now) {
  std::vector<es::EventData> out;
  out.reserve(events.size());
  for (const auto& e : events) {
    es::EventData d;
    d.id = es::NewEventId();
    d.type = D::TypeOf(e);
    d.payload = D::EncodeEvent(e);
    d.tenant = st.key.tenant;
    d.actor = meta.actor.empty() ? "system" : meta.actor;
    d.correlation_id = meta.correlation_id.empty() ? st.key.id : meta.correlation_id;
    d.causation_id = meta.causation_id;
    d.timestamp_us = now;
    out.push_back(std::move(d));
  }
  return out;
}

// Commands decided into one append. A hot entity (a queue taking a thousand calls a second)
// then pays one durable write per batch instead of one per command.
constexpr size_t kMaxBatchCommands = 64;
constexpr size_t kMaxBatchEvents = 512;

template <class D>
size_t CommandsInFlight(const EntityActorState<D>& st) {
  size_t n = st.retained;
  for (const auto& b : st.in_flight) n += b.commands;
  return n;
}

// Decides queued commands. With nothing in flight, queries, refusals and no-ops at the head are
// answered at once. The first command with events starts a batch, which takes the commands
// after it (decided against the state the batch leads to) up to the limits or the next query,
// and is appended in one write. Its commands are answered, refusals included, once the write is
// durable: nobody hears of a state the log might still lose. Behind a batch in flight (a kind
// that pipelines), commands that need no state in their reply start the next batch, and a
// refusal or no-op among them waits with the last batch in flight.
template <class D>
void Pump(Self<D>* self) {
  using Phase = typename EntityActorState<D>::Phase;
  using Event = typename D::Event;
  constexpr size_t kMaxInFlight = AppendPipelining<D>::kMaxInFlight;
  auto& st = self->state;
  while (st.phase == Phase::kReady && !st.refusing && st.in_flight.size() < kMaxInFlight) {
    if (!st.in_flight.empty() && st.in_flight.back().wants_state) return;
    const size_t first = CommandsInFlight(st);
    if (first >= st.queue.size()) return;
    const bool behind = !st.in_flight.empty();
    auto& p = st.queue[first];
    if (behind && (!p.command.command || p.command.reply_with_state)) return;
    if (!p.command.command) {  // a query
      Reply(st, p, CurrentReply(st, p.command));
      st.queue.pop_front();
      continue;
    }
    if (st.ctx->counters) ++st.ctx->counters->commands;
    const domain::Timestamp now = st.ctx->clock();
    auto decision = D::Decide(st.state, *p.command.command, now);
    if (domain::IsRejected(decision)) {
      if (st.ctx->counters) ++st.ctx->counters->rejections;
      if (behind) {  // decided on a state not yet durable: answered with the batch ahead
        p.rejection = domain::RejectionOf(decision);
        ++st.in_flight.back().commands;
        continue;
      }
      auto reply = CurrentReply(st, p.command);
      reply.rejection = domain::RejectionOf(decision);
      Reply(st, p, std::move(reply));
      st.queue.pop_front();
      continue;
    }
    p.events = std::move(std::get<std::vector<Event>>(decision));
    if (p.events.empty()) {  // a retry, a stale timer: nothing to change
      if (behind) {
        ++st.in_flight.back().commands;
        continue;
      }
      Reply(st, p, CurrentReply(st, p.command));
      st.queue.pop_front();
      continue;
    }
    auto data = ToEventData(st, p.command.meta, p.events, now);
    // Evolved in place, not on a copy: a queue's state holds thousands of tasks.
    for (const auto& e : p.events) D::EvolveInPlace(st.state, e);
    typename EntityActorState<D>::Batch batch;
    batch.commands = 1;
    batch.wants_state = p.command.reply_with_state;
    for (size_t i = first + 1;
         i < st.queue.size() && batch.commands < kMaxBatchCommands && data.size() < kMaxBatchEvents;
         ++i) {
      auto& next = st.queue[i];
      if (!next.command.command) break;  // a query reads what the batch wrote: after it
      if (behind && next.command.reply_with_state) break;
      if (st.ctx->counters) ++st.ctx->counters->commands;
      auto next_decision = D::Decide(st.state, *next.command.command, now);
      ++batch.commands;
      batch.wants_state = batch.wants_state || next.command.reply_with_state;
      if (domain::IsRejected(next_decision)) {
        if (st.ctx->counters) ++st.ctx->counters->rejections;
        next.rejection = domain::RejectionOf(next_decision);
        continue;
      }
      next.events = std::move(std::get<std::vector<Event>>(next_decision));
      for (const auto& e : next.events) D::EvolveInPlace(st.state, e);
      auto more = ToEventData(st, next.command.meta, next.events, now);
      data.insert(data.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
    }
    for (const auto& d : data) batch.bytes += d.payload.size();
    const uint64_t expected = st.decided_version;
    st.decided_version += data.size();
    st.in_flight.push_back(batch);
    // The handle is moved out inside the callback, so nothing refers to the actor system
    // once appends_in_flight has dropped (see Runtime::Stop).
    auto handle = std::make_shared<caf::actor>(caf::actor_cast<caf::actor>(self));
    auto ctx = st.ctx;
    ++ctx->appends_in_flight;
    ctx->store->AppendAsync(
        st.stream, es::ExpectedVersion::Exact(expected), std::move(data),
        [handle, ctx](const es::AppendResult& result) {
          caf::actor target = std::move(*handle);
          caf::anon_send(target, appended_atom::value, result);
          target = nullptr;
          --ctx->appends_in_flight;
        },
        st.chain);
    for (size_t i = first; i < first + batch.commands; ++i) {
      auto& handed = st.queue[i];  // a command refused inside the batch hears only its reply
      if (!handed.events.empty() && handed.command.on_handed_to_log) {
        std::exchange(handed.command.on_handed_to_log, nullptr)();
      }
    }
  }
}

// The oldest batch in flight was refused, or one ahead of it was. Its commands are kept for
// deciding again (a conflict: a stale view of our own stream, e.g. a crashed predecessor's
// append landed after we read) or answered with the first refusal; once every batch in flight
// is answered, the state is read back from the log.
template <class D>
void OnRefused(Self<D>* self, size_t commands, const Status& status) {
  auto& st = self->state;
  if (!st.refusing) {
    st.refusing = true;
    st.refusal = status;
    st.retry_refused = status.code() == Status::Code::kConflict &&
                       ++st.queue.front().attempts < kMaxConflictRetries;
  }
  for (size_t i = 0; i < commands; ++i) {
    if (st.retry_refused) {
      auto& kept = st.queue[st.retained++];
      kept.events.clear();
      kept.rejection.reset();
      continue;
    }
    EntityReply<D> reply;  // the state in memory holds what was not appended: none is told
    reply.status = st.refusal;
    reply.version = st.version;
    Reply(st, st.queue.front(), std::move(reply));
    st.queue.pop_front();
  }
  if (!st.in_flight.empty()) return;
  st.refusing = false;
  st.retained = 0;
  StartRecovery(self);
}

template <class D>
void OnAppended(Self<D>* self, const es::AppendResult& result) {
  using Event = typename D::Event;
  auto& st = self->state;
  const auto batch = st.in_flight.front();
  st.in_flight.erase(st.in_flight.begin());
  // The chain refuses every append behind a refused one, so none of them can be ok here.
  if (!result.status.ok() || st.refusing) return OnRefused(self, batch.commands, result.status);
  st.version = result.stream_version;
  st.bytes_since_snapshot += batch.bytes;
  // Every command of the batch is answered with the state after the whole batch, durable.
  std::vector<Event> all;
  uint64_t position = result.first_position;
  for (size_t i = 0; i < batch.commands; ++i) {
    auto p = std::move(st.queue.front());
    st.queue.pop_front();
    EntityReply<D> reply = CurrentReply(st, p.command);
    if (p.rejection) {
      reply.rejection = std::move(p.rejection);
    } else {
      position += p.events.size();
      reply.last_position = position - 1;
      all.insert(all.end(), p.events.begin(), p.events.end());
      reply.events = std::move(p.events);
    }
    Reply(st, p, std::move(reply));
  }
  React(st.registry, st.ctx->settings, st.key, st.state, all);
  ArmDeadline(self);
  MaybeSnapshot(self, all.size());
  Pump(self);
}

template <class D>
void OnRecovered(Self<D>* self, Recovered<D>& recovered) {
  using Phase = typename EntityActorState<D>::Phase;
  auto& st = self->state;
  if (!recovered.status.ok()) {
    st.phase = Phase::kBroken;
    st.broken = recovered.status;
    for (auto& p : st.queue) {
      EntityReply<D> reply;
      reply.status = recovered.status;
      Reply(st, p, std::move(reply));
    }
    st.queue.clear();
    return;
  }
  const uint64_t replayed = recovered.version - st.version;
  if (st.ctx->counters) {
    ++st.ctx->counters->recovered;
    st.ctx->counters->replayed_events += replayed;
  }
  st.state = std::move(recovered.state);
  st.version = recovered.version;
  st.decided_version = st.version;
  st.chain = std::make_shared<es::AppendChain>();
  st.phase = Phase::kReady;
  ArmDeadline(self);
  if (replayed >= st.ctx->settings.snapshot_every) MaybeSnapshot(self, replayed);
  Pump(self);
}

template <class D>
void OnDeadline(Self<D>* self, uint64_t generation) {
  auto& st = self->state;
  if (generation != st.timer_generation || !st.armed_deadline) return;  // stale
  const domain::Timestamp deadline = *st.armed_deadline;
  const domain::Timestamp now = st.ctx->clock();
  if (now < deadline) {  // timers may fire a little early: wait for the recorded instant
    SendLater(self, std::chrono::microseconds(deadline - now), deadline_atom::value, generation);
    return;
  }
  typename EntityActorState<D>::Pending p;
  p.command.key = st.key;
  p.command.command = D::ExpiryCommand(deadline);
  p.command.meta.actor = "system";
  st.queue.push_back(std::move(p));
  Pump(self);
}

template <class D>
bool Idle(const EntityActorState<D>& st) {
  using Phase = typename EntityActorState<D>::Phase;
  return (st.phase == Phase::kReady || st.phase == Phase::kBroken) && st.queue.empty() &&
         !st.armed_deadline;
}

template <class D>
void ArmIdleCheck(Self<D>* self, std::chrono::steady_clock::duration delay) {
  self->state.idle_check_armed = true;
  SendLater(self, delay, idle_atom::value);
}

// Every message counts as activity; the check is armed once and re-armed for the remainder.
template <class D>
void Touch(Self<D>* self) {
  auto& st = self->state;
  st.last_message = std::chrono::steady_clock::now();
  if (!st.idle_check_armed) ArmIdleCheck(self, st.ctx->settings.passivate_after);
}

template <class D>
void OnIdleCheck(Self<D>* self) {
  auto& st = self->state;
  st.idle_check_armed = false;
  const auto quiet = std::chrono::steady_clock::now() - st.last_message;
  const auto limit = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      st.ctx->settings.passivate_after);
  if (quiet < limit) return ArmIdleCheck(self, limit - quiet);
  if (!Idle(st)) return ArmIdleCheck(self, limit);
  // The registry decides (OnPassivate); if this request is lost or stale, the next check asks
  // again.
  self->send(st.registry, passivate_atom::value);
  ArmIdleCheck(self, limit);
}

// The registry agreed: it holds this stream's new commands from now on, and the commands it
// routed here before have arrived (its messages come in order). Idle still: go. Busy with
// those commands: stay, and the registry routes here again.
template <class D>
void OnPassivate(Self<D>* self) {
  auto& st = self->state;
  if (!Idle(st)) {
    self->send(st.registry, resume_atom::value);
    return;
  }
  if (st.ctx->counters) ++st.ctx->counters->passivated;
  self->quit();
}

}  // namespace entity_detail

template <class D>
caf::behavior EntityActor(caf::stateful_actor<EntityActorState<D>>* self,
                          std::shared_ptr<const EntityContext> context, caf::actor registry,
                          EntityKey key, bool new_stream) {
  using namespace entity_detail;
  using Phase = typename EntityActorState<D>::Phase;
  auto& st = self->state;
  st.ctx = std::move(context);
  st.registry = std::move(registry);
  st.key = std::move(key);
  st.stream = StreamName(st.key, D::kKind);
  if (st.ctx->counters) ++st.ctx->counters->spawned;
  if (new_stream) {
    st.chain = std::make_shared<es::AppendChain>();
    st.phase = Phase::kReady;
  } else {
    StartRecovery(self);
  }
  Touch(self);
  return {
      [=](EntityCommand<D>& command) -> caf::result<EntityReply<D>> {
        Touch(self);
        auto& st = self->state;
        if (st.phase == Phase::kBroken) {
          EntityReply<D> reply;
          reply.status = st.broken;
          return reply;
        }
        auto promise = self->template make_response_promise<EntityReply<D>>();
        typename EntityActorState<D>::Pending p;
        p.command = std::move(command);
        p.promise = promise;
        st.queue.push_back(std::move(p));
        Pump(self);
        return promise;
      },
      [=](recovered_atom, Recovered<D>& recovered) { OnRecovered(self, recovered); },
      [=](appended_atom, const es::AppendResult& result) { OnAppended(self, result); },
      [=](deadline_atom, uint64_t generation) { OnDeadline(self, generation); },
      [=](idle_atom) { OnIdleCheck(self); },
      [=](passivate_atom) { OnPassivate(self); },
      [=](snapshot_atom, uint64_t bytes) {
        self->state.snapshot_in_flight = false;
        self->state.last_snapshot_bytes = bytes;
      },
  };
}

template <class D>
caf::actor SpawnEntity(caf::event_based_actor* parent, std::shared_ptr<const EntityContext> context,
                       caf::actor registry, EntityKey key, bool new_stream) {
  return parent->spawn<caf::monitored>(EntityActor<D>, std::move(context), std::move(registry),
                                       std::move(key), new_stream);
}

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ENTITY_ACTOR_IMPL_H_
