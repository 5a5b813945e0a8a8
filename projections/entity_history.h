// Entity history: what the log says about one entity, for audits. Reads a stream whole, or
// folds it with the entity's own decider (Decider::Evolve) up to an instant, so "what was this
// call's state at 10:00?" is answered by exactly the code the live actor runs.
//
// These functions only read: they are safe on a follower, and from any thread, but they are
// blocking RocksDB reads (a stream of a few hundred events is a few milliseconds). Callers on
// an I/O or actor thread run them on a pool of their own.
#ifndef SWITCHBOARD_PROJECTIONS_ENTITY_HISTORY_H_
#define SWITCHBOARD_PROJECTIONS_ENTITY_HISTORY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"
#include "eventstore/event.h"
#include "eventstore/event_store.h"
#include "projections/stream_name.h"

namespace sb::projections {

// True for the kinds with a decider to fold them: "call", "agent", "customer".
bool IsAuditableKind(std::string_view kind);

// Every event of `stream` in version order. InvalidArgument for a malformed name, NotFound
// when the stream has no events (the log has no empty streams), or the store's read error.
Result<std::vector<es::RecordedEvent>> ReadHistory(const es::EventStore& store,
                                                   const std::string& stream);

// An entity's state as of one instant.
struct StateAt {
  std::string stream;
  domain::Timestamp at = 0;  // the instant asked for
  // The last event folded; all 0 when the entity had no event yet at `at` (then `state_json` is
  // the decider's initial state, with "exists": false).
  uint64_t version = 0;
  uint64_t position = 0;
  domain::Timestamp timestamp = 0;
  std::string state_json;  // Decider::EncodeState of the folded state
};

// Folds `stream` with its kind's Decider::Evolve over the events recorded at or before `at`
// (timestamp <= at). Versions are folded in order and the fold stops at the first later event,
// so the answer is always a state the live entity really had, even if a clock stepped back
// between two events. Errors: InvalidArgument for a malformed name or a kind without a
// decider, NotFound for a stream that does not exist, Corruption naming the event that does
// not decode, or the store's read error.
Result<StateAt> FoldStreamAt(const es::EventStore& store, const std::string& stream,
                             domain::Timestamp at);

// An instant as an operator writes it: RFC 3339 ("2026-12-01T10:00:00Z", with a fraction or an
// offset) or microseconds since the Unix epoch (digits only). InvalidArgument otherwise.
Result<domain::Timestamp> ParseInstant(std::string_view text);

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_ENTITY_HISTORY_H_
