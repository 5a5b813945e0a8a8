#include "projections/provider_directory.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "domain/provider_decider.h"
#include "eventstore/subscription.h"
#include "projections/stream_name.h"

namespace sb::projections {
namespace {

constexpr size_t kBatch = 1024;
constexpr auto kPoll = std::chrono::milliseconds(200);

bool ByPriority(const ProviderEntry& a, const ProviderEntry& b) {
  if (a.state.account.priority != b.state.account.priority) {
    return a.state.account.priority < b.state.account.priority;
  }
  return a.id < b.id;
}

}  // namespace

Result<std::unique_ptr<ProviderDirectory>> ProviderDirectory::Open(es::EventStore* store) {
  auto feed = store->Subscribe(1, es::StreamFilter::Glob("*/provider/*"));
  std::unique_ptr<ProviderDirectory> directory(new ProviderDirectory(feed));
  const uint64_t end = store->LastPosition();
  while (feed->next_position() <= end) {
    auto events = feed->Next(kBatch);
    if (!events.ok()) return events.status();
    if (events->empty()) break;
    if (Status s = directory->Fold(*events); !s.ok()) return s;
  }
  directory->follower_ = std::thread([d = directory.get()] { d->Follow(); });
  return directory;
}

ProviderDirectory::ProviderDirectory(std::shared_ptr<es::Subscription> feed)
    : feed_(std::move(feed)) {}

ProviderDirectory::~ProviderDirectory() {
  stopping_ = true;
  if (follower_.joinable()) follower_.join();
  feed_->Close();
}

void ProviderDirectory::Follow() {
  while (!stopping_) {
    auto events = feed_->WaitNext(kBatch, kPoll);
    if (!events.ok()) return;  // the store closed
    Fold(*events);             // an undecodable event was already refused by its entity
  }
}

Status ProviderDirectory::Fold(const std::vector<es::RecordedEvent>& events) {
  std::unique_lock lock(mu_);
  for (const auto& e : events) {
    auto name = ParseStreamName(e.stream);
    if (!name.ok() || name->kind != domain::ProviderDecider::kKind) continue;
    auto decoded = domain::ProviderDecider::DecodeEvent(e.type, e.payload);
    if (!decoded.ok()) return decoded.status();
    ProviderEntry& entry = entries_[{name->tenant, name->id}];
    if (e.version <= entry.version) continue;  // already applied by the API
    entry.tenant = name->tenant;
    entry.id = name->id;
    entry.version = e.version;
    entry.state = domain::ProviderDecider::Evolve(std::move(entry.state), *decoded);
  }
  return Status::OK();
}

void ProviderDirectory::Apply(const std::string& tenant, const std::string& id, uint64_t version,
                              const domain::ProviderState& state) {
  std::unique_lock lock(mu_);
  ProviderEntry& entry = entries_[{tenant, id}];
  if (version <= entry.version) return;
  entry = ProviderEntry{tenant, id, version, state};
}

std::optional<ProviderEntry> ProviderDirectory::Find(const std::string& tenant,
                                                     const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find({tenant, id});
  if (it == entries_.end() || it->second.version == 0) return std::nullopt;
  return it->second;
}

std::vector<ProviderEntry> ProviderDirectory::List(const std::string& tenant) const {
  std::vector<ProviderEntry> out;
  {
    std::shared_lock lock(mu_);
    for (auto it = entries_.lower_bound({tenant, ""});
         it != entries_.end() && it->first.first == tenant; ++it) {
      if (it->second.state.exists) out.push_back(it->second);
    }
  }
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
  std::shared_lock lock(mu_);
  for (const auto& [key, entry] : entries_) {
    if (entry.state.exists && entry.state.account.account_sid == sid) out.push_back(entry);
  }
  return out;
}

}  // namespace sb::projections
