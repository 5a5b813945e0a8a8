// ProviderDirectory: every tenant's VoIP providers, folded from the log and kept in memory,
// because outbound dials and inbound webhooks look them up on every call and must not wait on
// the disk. It is a projection without storage: Open replays the provider streams (they are
// few and small), then a thread of its own follows the log.
//
// Thread-safe. Entries are versioned by stream version, so the API can Apply the state a
// command just produced (read-your-writes) and the follower's later copy of the same events
// changes nothing.
#ifndef SWITCHBOARD_PROJECTIONS_PROVIDER_DIRECTORY_H_
#define SWITCHBOARD_PROJECTIONS_PROVIDER_DIRECTORY_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/provider_state.h"
#include "domain/result.h"
#include "eventstore/event_store.h"

namespace sb::projections {

struct ProviderEntry {
  std::string tenant;
  std::string id;
  uint64_t version = 0;
  domain::ProviderState state;
};

class ProviderDirectory {
 public:
  // Replays every provider stream, then follows the log. The store must outlive the result.
  static Result<std::unique_ptr<ProviderDirectory>> Open(es::EventStore* store);
  ~ProviderDirectory();  // stops the follower
  ProviderDirectory(const ProviderDirectory&) = delete;
  ProviderDirectory& operator=(const ProviderDirectory&) = delete;

  // Records `state` at `version` unless the directory already holds that version or a later
  // one.
  void Apply(const std::string& tenant, const std::string& id, uint64_t version,
             const domain::ProviderState& state);

  // The provider, deleted ones included (their state says so); nullopt if never registered.
  std::optional<ProviderEntry> Find(const std::string& tenant, const std::string& id) const;
  // The tenant's providers that exist, by priority then id.
  std::vector<ProviderEntry> List(const std::string& tenant) const;
  // Those of List that are active: the order outbound dials try them in.
  std::vector<ProviderEntry> Active(const std::string& tenant) const;
  // Every existing provider of any tenant whose account_sid (Twilio AccountSid) is `sid`.
  std::vector<ProviderEntry> FindByAccountSid(const std::string& sid) const;

 private:
  explicit ProviderDirectory(std::shared_ptr<es::Subscription> feed);
  Status Fold(const std::vector<es::RecordedEvent>& events);
  void Follow();

  using Key = std::pair<std::string, std::string>;  // tenant, id

  std::shared_ptr<es::Subscription> feed_;
  mutable std::shared_mutex mu_;
  std::map<Key, ProviderEntry> entries_;
  std::atomic<bool> stopping_{false};
  std::thread follower_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_PROVIDER_DIRECTORY_H_
