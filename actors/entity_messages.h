// The messages entity actors exchange with the registry, sagas and the HTTP gateway.
//
// They are local-only (CAF_ALLOW_UNSAFE_MESSAGE_TYPE): commands and states are plain domain
// values with optional members, which CAF 0.17's inspectors cannot serialise. A second node
// would carry them as the JSON the domain codecs already write (see docs/actors.md).
#ifndef SWITCHBOARD_ACTORS_ENTITY_MESSAGES_H_
#define SWITCHBOARD_ACTORS_ENTITY_MESSAGES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>

#include "actors/entity_key.h"
#include "domain/rejection.h"
#include "domain/status.h"
#include "eventstore/event_store.h"

namespace sb::actors {

// Who asked, and which flow it belongs to: written on every event the command appends.
struct CommandMeta {
  std::string actor;           // "agent:a-1", "customer:c-9", "system", ...
  std::string correlation_id;  // the flow (e.g. the call id of a click-to-call)
  std::string causation_id;    // the request or event that caused it
};

template <class Decider>
struct EntityCommand {
  EntityKey key;
  std::optional<typename Decider::Command> command;  // none: a query for the current state
  CommandMeta meta;
  // The sender just made up this entity's id (a new call): an entity spawned for it skips
  // reading its (empty) stream. Only a hint: if the stream does exist, the first append
  // conflicts and the entity reads it then.
  bool new_stream = false;
  // False: the reply's state is left default (empty). A caller that needs only the outcome
  // spares the entity a copy of its state per reply, which for a queue holding thousands of
  // tasks is most of the cost of a command.
  bool reply_with_state = true;
  // Called once the command's events have been handed to the log, before they are durable.
  // Whatever the caller writes from here comes after them in the log (the log appends in the
  // order it is handed writes), without waiting a durable write for it. Not called for a
  // command that appends nothing (a refusal, a no-op): its reply is all the caller hears. Runs
  // on the entity's CAF worker: it must not block.
  std::function<void()> on_handed_to_log;
};

template <class Decider>
struct EntityReply {
  Status status;  // not ok: the log refused or failed; nothing was decided or appended
  std::optional<domain::Rejection> rejection;   // the decider refused; nothing appended
  typename Decider::State state;                // after the command's events
  uint64_t version = 0;                         // the stream's version after them
  uint64_t last_position = 0;                   // of the last appended event; 0 if none
  std::vector<typename Decider::Event> events;  // what this command appended

  bool ok() const { return status.ok() && !rejection; }
};

// What an entity's log read back on start.
template <class Decider>
struct Recovered {
  Status status;
  typename Decider::State state;
  uint64_t version = 0;
};

}  // namespace sb::actors

namespace caf {
template <class D>
struct allowed_unsafe_message_type<sb::actors::EntityCommand<D>> : std::true_type {};
template <class D>
struct allowed_unsafe_message_type<sb::actors::EntityReply<D>> : std::true_type {};
template <class D>
struct allowed_unsafe_message_type<sb::actors::Recovered<D>> : std::true_type {};
template <>
struct allowed_unsafe_message_type<sb::es::AppendResult> : std::true_type {};
}  // namespace caf

#endif  // SWITCHBOARD_ACTORS_ENTITY_MESSAGES_H_
