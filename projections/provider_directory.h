// ProviderDirectory: every tenant's VoIP providers in memory (an EntityDirectory of provider
// entities), with the lookups outbound dials and inbound webhooks make on every call.
#ifndef SWITCHBOARD_PROJECTIONS_PROVIDER_DIRECTORY_H_
#define SWITCHBOARD_PROJECTIONS_PROVIDER_DIRECTORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/provider_decider.h"
#include "domain/result.h"
#include "eventstore/event_store.h"
#include "projections/entity_directory.h"

namespace sb::projections {

using ProviderEntry = EntityDirectory<domain::ProviderDecider>::Entry;

class ProviderDirectory {
 public:
  // Replays every provider stream, then follows the log. The store must outlive the result.
  static Result<std::unique_ptr<ProviderDirectory>> Open(es::EventStore* store);

  // Records the state a command produced (see EntityDirectory::Apply).
  void Apply(const std::string& tenant, const std::string& id, uint64_t version,
             const domain::ProviderState& state) {
    entities_->Apply(tenant, id, version, state);
  }

  // The provider, deleted ones included (their state says so); nullopt if never registered.
  std::optional<ProviderEntry> Find(const std::string& tenant, const std::string& id) const {
    return entities_->Find(tenant, id);
  }
  // The tenant's providers that exist, by priority then id.
  std::vector<ProviderEntry> List(const std::string& tenant) const;
  // Those of List that are active: the order outbound dials try them in.
  std::vector<ProviderEntry> Active(const std::string& tenant) const;
  // Every existing provider of any tenant whose account_sid (Twilio AccountSid) is `sid`.
  std::vector<ProviderEntry> FindByAccountSid(const std::string& sid) const;

 private:
  explicit ProviderDirectory(std::unique_ptr<EntityDirectory<domain::ProviderDecider>> entities)
      : entities_(std::move(entities)) {}

  std::unique_ptr<EntityDirectory<domain::ProviderDecider>> entities_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_PROVIDER_DIRECTORY_H_
