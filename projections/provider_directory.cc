#include "projections/provider_directory.h"

#include <algorithm>

namespace sb::projections {
namespace {

bool ByPriority(const ProviderEntry& a, const ProviderEntry& b) {
  if (a.state.account.priority != b.state.account.priority) {
    return a.state.account.priority < b.state.account.priority;
  }
  return a.id < b.id;
}

}  // namespace

Result<std::unique_ptr<ProviderDirectory>> ProviderDirectory::Open(es::EventStore* store) {
  auto entities = EntityDirectory<domain::ProviderDecider>::Open(store);
  if (!entities.ok()) return entities.status();
  return std::unique_ptr<ProviderDirectory>(new ProviderDirectory(std::move(entities).value()));
}

std::vector<ProviderEntry> ProviderDirectory::List(const std::string& tenant) const {
  std::vector<ProviderEntry> out;
  entities_->ForEach(tenant, [&](const ProviderEntry& e) {
    if (e.state.exists) out.push_back(e);
  });
  std::sort(out.begin(), out.end(), ByPriority);
  return out;
}

std::vector<ProviderEntry> ProviderDirectory::Active(const std::string& tenant) const {
  auto out = List(tenant);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const ProviderEntry& e) { return !e.state.account.is_active; }),
            out.end());
  return out;
}

std::vector<ProviderEntry> ProviderDirectory::FindByAccountSid(const std::string& sid) const {
  std::vector<ProviderEntry> out;
  if (sid.empty()) return out;
  entities_->ForEach("", [&](const ProviderEntry& e) {
    if (e.state.exists && e.state.account.account_sid == sid) out.push_back(e);
  });
  return out;
}

}  // namespace sb::projections
