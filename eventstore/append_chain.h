// AppendChain: appends that build on one another. An appender that decides its next append on
// the state its previous, still unanswered one leads to (a pipelining entity) passes the same
// chain to both. Once the store refuses an append of a chain, it refuses every later append of
// that chain too, even one whose expected version happens to match what another writer left
// behind: its events were decided on a state that never reached the log.
#ifndef SWITCHBOARD_EVENTSTORE_APPEND_CHAIN_H_
#define SWITCHBOARD_EVENTSTORE_APPEND_CHAIN_H_

#include <atomic>

namespace sb::es {

class AppendChain {
 public:
  bool broken() const { return broken_.load(std::memory_order_acquire); }
  // Called by the store when it refuses an append of the chain; a broken chain stays broken,
  // so an appender starts a new one once it has read the log again.
  void Break() { broken_.store(true, std::memory_order_release); }

 private:
  std::atomic<bool> broken_{false};
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_APPEND_CHAIN_H_
