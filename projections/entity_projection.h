// EntityProjection<Decider>: folds every stream of one entity kind with the domain's own
// Evolve, so a read model can never disagree with the entity actors about what an event means.
// Each entity's state is kept in the model under StateKey(tenant, id); the concrete projection
// adds its indexes and counters in OnEvent.
#ifndef SWITCHBOARD_PROJECTIONS_ENTITY_PROJECTION_H_
#define SWITCHBOARD_PROJECTIONS_ENTITY_PROJECTION_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/projection.h"
#include "projections/stream_name.h"

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
    auto state = Decider::DecodeState(**value);
    if (!state.ok()) return state.status();
    return std::optional<State>(std::move(state).value());
  }

 protected:
  // After `event` took the entity from `before` to `after`: maintain indexes and counters.
  virtual Status OnEvent(const StreamName& ref, const State& before, const State& after,
                         const Event& event, const es::RecordedEvent& record,
                         ModelWriter& model) const = 0;

 private:
  // Keeps recently folded states decoded across steps (bounded), so that an entity with
  // many events is decoded from the model once, and encodes each state a step changed once, at
  // the end of the step.
  class Folder : public ProjectionFolder {
   public:
    static constexpr size_t kMaxCached = 200000;

    explicit Folder(const EntityProjection& projection) : projection_(projection) {}

    Status Apply(const es::RecordedEvent& record, ModelWriter& model) override {
      auto name = ParseStreamName(record.stream);
      if (!name.ok()) return Status::Corruption(name.status().message());
      const StreamName& ref = *name;
      auto event = Decider::DecodeEvent(record.type, record.payload);
      if (!event.ok()) {
        return Status::Corruption(event.status().message() + " (position " +
                                  std::to_string(record.position) + ")");
      }
      std::string key = StateKey(ref.tenant, ref.id);
      auto it = cache_.find(key);
      if (it == cache_.end()) {
        auto loaded = Load(model.reader(), ref.tenant, ref.id);
        if (!loaded.ok()) return loaded.status();
        it = cache_.emplace(key, loaded.value().value_or(State{})).first;
      }
      State after = Decider::Evolve(it->second, *event);
      // A failure ends the runner with the step uncommitted, so the cache is never used again.
      if (Status s = projection_.OnEvent(ref, it->second, after, *event, record, model); !s.ok()) {
        return s;
      }
      it->second = std::move(after);
      dirty_.push_back(std::move(key));
      return Status::OK();
    }

    Status Finish(ModelWriter& model) override {
      for (const auto& key : dirty_) {
        auto it = cache_.find(key);
        if (it != cache_.end()) model.Put(key, Decider::EncodeState(it->second));
      }
      dirty_.clear();
      if (cache_.size() > kMaxCached) cache_.clear();
      return Status::OK();
    }

   private:
    const EntityProjection& projection_;
    std::unordered_map<std::string, State> cache_;
    std::vector<std::string> dirty_;  // keys changed in this step (repeats are harmless)
  };
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_ENTITY_PROJECTION_H_
