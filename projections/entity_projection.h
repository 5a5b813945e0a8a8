// EntityProjection<Decider>: folds every stream of one entity kind with the domain's own
// Evolve, so a read model can never disagree with the entity actors about what an event means.
// Each entity's state is kept in the model under StateKey(tenant, id), encoded as
// ModelStateCodec says; the concrete projection adds its indexes and counters in OnEvent.
#ifndef SWITCHBOARD_PROJECTIONS_ENTITY_PROJECTION_H_
#define SWITCHBOARD_PROJECTIONS_ENTITY_PROJECTION_H_

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "projections/model_state_codec.h"
#include "projections/projection.h"
#include "projections/status_counters.h"
#include "projections/stream_name.h"
#include "projections/stream_table.h"

namespace sb::projections {

inline std::string StateKey(const std::string& tenant, const std::string& id) {
  return "s/" + tenant + "/" + id;
}

template <class Decider>
class EntityProjection : public Projection {
 public:
  using State = typename Decider::State;
  using Event = typename Decider::Event;

  es::StreamFilter filter() const override {
    return es::StreamFilter::Glob(std::string("*/") + Decider::kKind + "/*");
  }
  std::unique_ptr<ProjectionFolder> NewFolder() const override {
    return std::make_unique<Folder>(*this);
  }

  // The entity's state as the model holds it (nullopt: the model has never seen it).
  static Result<std::optional<State>> Load(const ModelReader& model, const std::string& tenant,
                                           const std::string& id) {
    auto value = model.Get(StateKey(tenant, id));
    if (!value.ok()) return value.status();
    if (!value.value()) return std::optional<State>();
    auto state = ModelStateCodec<Decider>::Decode(**value);
    if (!state.ok()) return state.status();
    return std::optional<State>(std::move(state).value());
  }

 protected:
  // The status the model counts the entity under (status_counters.h); nullptr: not counted.
  // A string that lives as long as the program (the folder keeps it for a step).
  virtual const char* StatusOf(const State&) const { return nullptr; }
  // After `event` took the entity to `after` (`created`: it did not exist before): maintain
  // indexes. Status counters are kept here, from StatusOf.
  virtual Status OnEvent(const StreamName& ref, bool created, const State& after,
                         const Event& event, const es::RecordedEvent& record,
                         ModelWriter& model) const = 0;

 private:
  // Keeps recently folded states decoded across steps (bounded), so that an entity with
  // many events is decoded from the model once, and encodes each state a step changed once, at
  // the end of the step. States are evolved in place: OnEvent learns of the state before only
  // what it needs.
  class Folder : public ProjectionFolder {
   public:
    static constexpr size_t kMaxCached = 200000;

    explicit Folder(const EntityProjection& projection) : projection_(projection) {}

    Status Apply(const es::RecordedEvent& record, ModelWriter& model) override {
      return Apply(record, Cache::Hash(record.stream), model);
    }

    // With many entities each lookup in the cache would wait for memory twice: the slot of an
    // event a few ahead is asked for first, then its entry.
    Status ApplyAll(const std::vector<es::RecordedEvent>& events, ModelWriter& model) override {
      constexpr size_t kSlotAhead = 8, kEntryAhead = 4;
      hashes_.resize(events.size());
      for (size_t i = 0; i < events.size(); ++i) hashes_[i] = Cache::Hash(events[i].stream);
      for (size_t i = 0; i < events.size(); ++i) {
        if (i + kSlotAhead < events.size()) cache_.PrefetchSlot(hashes_[i + kSlotAhead]);
        if (i + kEntryAhead < events.size()) cache_.PrefetchEntry(hashes_[i + kEntryAhead]);
        if (Status s = Apply(events[i], hashes_[i], model); !s.ok()) return s;
      }
      return Status::OK();
    }

    Status Finish(ModelWriter& model) override {
      for (Entry* entry : dirty_) {
        model.Put(entry->key, ModelStateCodec<Decider>::Encode(entry->state));
        entry->dirty = false;
      }
      dirty_.clear();
      for (const auto& [status, delta] : status_deltas_) {
        if (delta == 0) continue;
        if (Status s = model.Add(std::string(kStatusCounterPrefix) + status, delta); !s.ok()) {
          return s;
        }
      }
      status_deltas_.clear();
      if (cache_.size() > kMaxCached) {
        cache_.Clear();
        all_cached_ = false;
      }
      return Status::OK();
    }

   private:
    struct Entry {
      StreamName name;
      std::string key;  // StateKey
      State state{};
      bool dirty = false;  // changed in this step
    };
    using Cache = StreamTable<Entry>;

    // `hash`: the stream name's, for the cache.
    Status Apply(const es::RecordedEvent& record, uint64_t hash, ModelWriter& model) {
      auto event = Decider::DecodeEvent(record.type, record.payload);
      if (!event.ok()) {
        return Status::Corruption(event.status().message() + " (position " +
                                  std::to_string(record.position) + ")");
      }
      auto cached = Cached(record.stream, hash, model);
      if (!cached.ok()) return cached.status();
      Entry& entry = **cached;
      const StreamName& ref = entry.name;
      // A failure ends the runner with the step uncommitted, so the cache is never used again.
      const bool existed = entry.state.exists;
      const char* was = existed ? projection_.StatusOf(entry.state) : nullptr;
      Decider::EvolveInPlace(entry.state, *event);
      const State& after = entry.state;
      const char* is = after.exists ? projection_.StatusOf(after) : nullptr;
      if (Status s =
              projection_.OnEvent(ref, !existed && after.exists, after, *event, record, model);
          !s.ok()) {
        return s;
      }
      if ((was == nullptr) != (is == nullptr) || (was && std::strcmp(was, is) != 0)) {
        if (was) CountStatus(was, -1);
        if (is) CountStatus(is, 1);
      }
      if (!entry.dirty) {
        entry.dirty = true;
        dirty_.push_back(&entry);
      }
      return Status::OK();
    }

    // Status counters move once per status and step, in Finish, rather than twice per event.
    void CountStatus(const char* status, int64_t delta) {
      for (auto& [counted, sum] : status_deltas_) {
        if (counted == status || std::strcmp(counted, status) == 0) {
          sum += delta;
          return;
        }
      }
      status_deltas_.emplace_back(status, delta);
    }

    // The entity's cached state, loaded from the model on a miss. A model that was empty when
    // this folder started holds nothing the cache lacks until the cache is first cleared, so a
    // miss then is a new entity without a read.
    Result<Entry*> Cached(const std::string& stream, uint64_t hash, const ModelWriter& model) {
      if (Entry* hit = cache_.Find(stream, hash)) return hit;
      auto name = ParseStreamName(stream);
      if (!name.ok()) return Status::Corruption(name.status().message());
      if (!checked_empty_) {
        checked_empty_ = true;
        bool any = false;
        Status s = model.reader().Scan("", "", false, [&](std::string_view, std::string_view) {
          any = true;
          return false;
        });
        if (!s.ok()) return s;
        all_cached_ = !any;
      }
      Entry entry;
      entry.key = StateKey(name->tenant, name->id);
      if (!all_cached_) {
        auto loaded = Load(model.reader(), name->tenant, name->id);
        if (!loaded.ok()) return loaded.status();
        if (loaded.value()) entry.state = std::move(*loaded.value());
      }
      entry.name = std::move(name).value();
      return &cache_.Insert(stream, hash, std::move(entry));
    }

    const EntityProjection& projection_;
    // By stream name; the entries dirty_ points at stay put while others are added.
    Cache cache_;
    std::vector<uint64_t> hashes_;  // of the names of the events ApplyAll folds
    std::vector<Entry*> dirty_;     // changed in this step, each once
    std::vector<std::pair<const char*, int64_t>> status_deltas_;  // this step's, by status
    bool checked_empty_ = false;
    bool all_cached_ = false;
  };
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_ENTITY_PROJECTION_H_
