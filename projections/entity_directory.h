// EntityDirectory<D>: every entity of one kind, of every tenant, folded from the log and kept
// in memory, for lookups on the hot path that must not wait on an actor or the disk (the
// providers a dial tries, the calling policy a click-to-call checks). A projection without
// storage: Open replays the kind's streams, then a thread of its own follows the log.
//
// Thread-safe. Entries are versioned by stream version, so the API can Apply the state a
// command just produced (read-your-writes) and the follower's later copy of the same events
// changes nothing.
#ifndef SWITCHBOARD_PROJECTIONS_ENTITY_DIRECTORY_H_
#define SWITCHBOARD_PROJECTIONS_ENTITY_DIRECTORY_H_

#include <pthread.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "eventstore/event_store.h"
#include "eventstore/subscription.h"
#include "projections/stream_name.h"

namespace sb::projections {

template <class D>
class EntityDirectory {
 public:
  struct Entry {
    std::string tenant;
    std::string id;
    uint64_t version = 0;
    typename D::State state;
  };

  // Replays every stream of the kind, then follows the log. The store must outlive the result.
  static Result<std::unique_ptr<EntityDirectory>> Open(es::EventStore* store) {
    auto feed = store->Subscribe(1, es::StreamFilter::Glob(std::string("*/") + D::kKind + "/*"));
    std::unique_ptr<EntityDirectory> directory(new EntityDirectory(feed));
    const uint64_t end = store->LastPosition();
    while (feed->next_position() <= end) {
      auto events = feed->Next(kBatch);
      if (!events.ok()) return events.status();
      if (events->empty()) break;
      if (Status s = directory->Fold(*events); !s.ok()) return s;
    }
    directory->follower_ = std::thread([d = directory.get()] {
      pthread_setname_np(pthread_self(), "sb-directory");
      d->Follow();
    });
    return directory;
  }

  ~EntityDirectory() {
    stopping_ = true;
    if (follower_.joinable()) follower_.join();
    feed_->Close();
  }
  EntityDirectory(const EntityDirectory&) = delete;
  EntityDirectory& operator=(const EntityDirectory&) = delete;

  // Records `state` at `version` unless the directory already holds that version or a later
  // one.
  void Apply(const std::string& tenant, const std::string& id, uint64_t version,
             const typename D::State& state) {
    std::unique_lock lock(mu_);
    Entry& entry = entries_[{tenant, id}];
    if (version <= entry.version) return;
    entry = Entry{tenant, id, version, state};
  }

  // The entity as last folded; nullopt if its stream has no event yet.
  std::optional<Entry> Find(const std::string& tenant, const std::string& id) const {
    std::shared_lock lock(mu_);
    auto it = entries_.find({tenant, id});
    if (it == entries_.end() || it->second.version == 0) return std::nullopt;
    return it->second;
  }

  // Visits the tenant's entities (every tenant's when `tenant` is empty) in id order, under
  // the directory's lock: `visit` must not call back into it.
  void ForEach(const std::string& tenant, const std::function<void(const Entry&)>& visit) const {
    std::shared_lock lock(mu_);
    auto it = tenant.empty() ? entries_.begin() : entries_.lower_bound({tenant, ""});
    for (; it != entries_.end() && (tenant.empty() || it->first.first == tenant); ++it) {
      if (it->second.version > 0) visit(it->second);
    }
  }

 private:
  static constexpr size_t kBatch = 1024;

  explicit EntityDirectory(std::shared_ptr<es::Subscription> feed) : feed_(std::move(feed)) {}

  void Follow() {
    while (!stopping_) {
      auto events = feed_->WaitNext(kBatch, std::chrono::milliseconds(200));
      if (!events.ok()) return;  // the store closed
      Fold(*events);             // an undecodable event was already refused by its entity
    }
  }

  Status Fold(const std::vector<es::RecordedEvent>& events) {
    std::unique_lock lock(mu_);
    for (const auto& e : events) {
      auto name = ParseStreamName(e.stream);
      if (!name.ok() || name->kind != D::kKind) continue;
      auto decoded = D::DecodeEvent(e.type, e.payload);
      if (!decoded.ok()) return decoded.status();
      Entry& entry = entries_[{name->tenant, name->id}];
      if (e.version <= entry.version) continue;  // already applied by the API
      entry.tenant = name->tenant;
      entry.id = name->id;
      entry.version = e.version;
      D::EvolveInPlace(entry.state, *decoded);
    }
    return Status::OK();
  }

  std::shared_ptr<es::Subscription> feed_;
  mutable std::shared_mutex mu_;
  std::map<std::pair<std::string, std::string>, Entry> entries_;  // (tenant, id)
  std::atomic<bool> stopping_{false};
  std::thread follower_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_ENTITY_DIRECTORY_H_
