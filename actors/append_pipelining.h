// How many append batches an entity of a kind may have in flight at once.
//
// One (the default) keeps every reply and every reaction on exactly the durable state: a
// command that arrives while a batch is being written waits for it, then for its own write.
// For a hot entity that is two or three syncs per command. A kind may decide its next batch on
// the state the ones in flight lead to, if its reactions read nothing of that state and its hot
// commands ask for no state in their reply (queries and such commands still wait for every
// batch ahead of them). Each batch is still answered only once it is durable, a refusal included;
// the appends are chained (es::AppendChain), so a batch behind a refused one is refused too and
// decided again after the log is read back.
#ifndef SWITCHBOARD_ACTORS_APPEND_PIPELINING_H_
#define SWITCHBOARD_ACTORS_APPEND_PIPELINING_H_

#include <cstddef>

namespace sb::domain {
struct QueueDecider;
}  // namespace sb::domain

namespace sb::actors {

template <class Decider>
struct AppendPipelining {
  static constexpr size_t kMaxInFlight = 1;
};

// A queue takes every inbound task of its tenant; the router and the intake read only the
// outcome of their commands, and a queue's reactions are the router's, driven from the log.
template <>
struct AppendPipelining<domain::QueueDecider> {
  static constexpr size_t kMaxInFlight = 4;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_APPEND_PIPELINING_H_
