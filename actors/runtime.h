// Runtime: the actor system of one switchboard process, as the HTTP layer sees it. It owns the
// CAF actor system, the entity registry, the bridge actors that carry requests from I/O
// threads into actors, and the blocking pool; it never exposes CAF types, so HTTP code does
// not compile CAF headers.
#ifndef SWITCHBOARD_ACTORS_RUNTIME_H_
#define SWITCHBOARD_ACTORS_RUNTIME_H_

#include <chrono>
#include <functional>
#include <memory>

#include "actors/click_to_call.h"
#include "actors/entity_context.h"
#include "actors/entity_messages.h"
#include "domain/result.h"
#include "eventstore/event_store.h"

namespace sb::actors {

struct RuntimeOptions {
  EntitySettings entity;
  ClickToCallSettings click_to_call;
  int scheduler_threads = 2;  // CAF workers ('sharing' policy: see caf-0.17.md section 8)
  int blocking_threads = 2;   // log reads and snapshot writes
  std::chrono::milliseconds ask_timeout{10000};
  // Reconnect grace given to customer consoles that were connected when the process died.
  int64_t presence_grace_seconds = 10;
  Clock clock = SystemNow;
};

template <class Decider>
using ReplyCallback = std::function<void(Result<EntityReply<Decider>>)>;

class Runtime {
 public:
  // Starts the actors over `store`, which must outlive the runtime. Recovery (StartupScan and
  // its follow-ups) runs on a thread of its own; ready() turns true when it is complete.
  static std::unique_ptr<Runtime> Start(es::EventStore* store, RuntimeOptions options);
  ~Runtime();  // Stop()
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Stops every actor (in-flight appends still complete) and waits for them. Idempotent.
  void Stop();

  bool ready() const;
  Status recovery_status() const;  // after ready(): ok, or why the startup scan failed

  // Sends a command (or, with no command, a query) to its entity. `done` is called exactly
  // once, on an actor thread, and must not block: with the reply, or Unavailable when the
  // entity did not answer within ask_timeout or the runtime is stopping.
  template <class Decider>
  void Ask(EntityCommand<Decider> command, ReplyCallback<Decider> done);

  // Runs the click-to-call saga (click_to_call.h); `done` as for Ask.
  void InitiateClickToCall(ClickToCallRequest request, std::function<void(ClickToCallResult)> done);

  const EntityCounters& counters() const;
  const RuntimeOptions& options() const;

 private:
  struct Impl;
  explicit Runtime(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_RUNTIME_H_
