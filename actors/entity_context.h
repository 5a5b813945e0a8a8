// What every entity actor shares: the log, the blocking pool, the clock and the settings.
#ifndef SWITCHBOARD_ACTORS_ENTITY_CONTEXT_H_
#define SWITCHBOARD_ACTORS_ENTITY_CONTEXT_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

#include "actors/actor_timers.h"
#include "actors/blocking_pool.h"
#include "domain/time.h"
#include "eventstore/event_store.h"

namespace sb::actors {

// Microseconds since the epoch, UTC. Tests substitute their own.
using Clock = std::function<domain::Timestamp()>;
domain::Timestamp SystemNow();

struct EntitySettings {
  // An entity with nothing queued and no pending deadline quits after this long without a
  // message; the registry respawns it from the log on the next one.
  std::chrono::milliseconds passivate_after{std::chrono::minutes(5)};
  uint64_t snapshot_every = 100;  // events between snapshots (0: never)
  int64_t wrap_up_seconds = 0;    // after a call, before the agent is back (0: straight back)
};

// Counters the metrics endpoint reads; updated from actor threads.
struct EntityCounters {
  std::atomic<uint64_t> spawned{0};
  std::atomic<uint64_t> passivated{0};
  std::atomic<uint64_t> restarted{0};
  std::atomic<uint64_t> recovered{0};        // recoveries from snapshot + log that succeeded
  std::atomic<uint64_t> replayed_events{0};  // events those recoveries folded
  std::atomic<uint64_t> terminated{0};       // live entities = spawned - terminated
  std::atomic<uint64_t> commands{0};
  std::atomic<uint64_t> rejections{0};
};

struct EntityContext {
  es::EventStore* store = nullptr;
  BlockingPool* pool = nullptr;
  ActorTimers* timers = nullptr;  // deadlines and idle checks
  Clock clock = SystemNow;
  EntitySettings settings;
  EntityCounters* counters = nullptr;
  // Appends handed to the log whose callback has not run yet; the runtime waits for zero
  // before it destroys the actor system their callbacks mail into.
  mutable std::atomic<int64_t> appends_in_flight{0};
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ENTITY_CONTEXT_H_
