#include "projections/projection_engine.h"

#include <pthread.h>
#include <algorithm>
#include <set>
#include <thread>

#include <charconv>

#include "projections/projection_runner.h"
#include "projections/shared_scan.h"

namespace sb::projections {
namespace {

std::string GenerationName(const std::string& name, uint64_t generation) {
  return name + "@" + std::to_string(generation);
}

std::string MetaKey(const char* what, const std::string& name) {
  return std::string("$") + what + "/" + name;
}

// A generation number stored under a meta key (0 when there is none).
Result<uint64_t> LoadMeta(const es::EventStore& store, const std::string& key) {
  auto value = store.GetReadModel(key);
  if (value.status().IsNotFound()) return uint64_t{0};
  if (!value.ok()) return value.status();
  uint64_t generation = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), generation);
  if (ec != std::errc() || end != value->data() + value->size() || generation == 0) {
    return Status::Corruption("read-model bookkeeping " + key + " is not a generation");
  }
  return generation;
}

Status Discard(es::EventStore& store, const std::string& name, const char* what) {
  auto generation = LoadMeta(store, MetaKey(what, name));
  if (!generation.ok() || *generation == 0) return generation.status();
  if (Status s = store.DeleteReadModelPrefix(GenerationName(name, *generation) + "/"); !s.ok()) {
    return s;
  }
  es::ReadModelBatch batch;
  batch.Delete(MetaKey(what, name));
  return store.WriteReadModel(batch);
}

}  // namespace

struct ProjectionEngine::Generation {
  Generation(es::EventStore* s, std::shared_ptr<const Projection> projection, uint64_t n)
      : store(s),
        number(n),
        runner(s, projection, GenerationName(projection->name(), n)),
        reader(s, GenerationName(projection->name(), n) + "/") {}
  // A retired model is deleted when its last reader lets go of it.
  ~Generation() {
    runner.Stop();
    if (!retired) return;
    (void)Discard(*store, runner.projection().name(), "retired");
  }

  es::EventStore* const store;
  const uint64_t number;
  ProjectionRunner runner;
  ModelReader reader;
  bool retired = false;  // set under the engine's lock, before the last reference goes
};

struct ProjectionEngine::Slot {
  std::shared_ptr<const Projection> projection;
  std::shared_ptr<Generation> active;
  std::shared_ptr<Generation> building;
};

Result<std::unique_ptr<ProjectionEngine>> ProjectionEngine::Open(
    es::EventStore* store, std::vector<std::shared_ptr<const Projection>> projections) {
  std::unique_ptr<ProjectionEngine> engine(new ProjectionEngine(store));
  for (const auto& projection : projections) {
    if (engine->slots_.count(projection->name())) {
      return Status::InvalidArgument("two projections are named " + projection->name());
    }
    if (Status s = engine->OpenSlot(projection); !s.ok()) return s;
  }
  return engine;
}

Status ProjectionEngine::OpenSlot(const std::shared_ptr<const Projection>& projection) {
  const std::string& name = projection->name();
  for (const char* leftover : {"building", "retired"}) {
    if (Status s = Discard(*store_, name, leftover); !s.ok()) return s;
  }
  auto active = LoadMeta(*store_, MetaKey("active", name));
  if (!active.ok()) return active.status();
  if (*active == 0) {
    *active = 1;
    es::ReadModelBatch batch;
    batch.Put(MetaKey("active", name), "1");
    batch.checkpoints[GenerationName(name, 1)] = 0;
    if (Status s = store_->WriteReadModel(batch); !s.ok()) return s;
    // After the bookkeeping, so that a crash in between leaves a generation that simply keeps
    // its keys in the shared family, never a family nobody knows of.
    if (Status s = store_->CreateReadModelGeneration(GenerationName(name, 1)); !s.ok()) return s;
  }
  auto slot = std::make_unique<Slot>();
  slot->projection = projection;
  slot->active = std::make_shared<Generation>(store_, projection, *active);
  if (Status s = slot->active->runner.Open(); !s.ok()) return s;
  slots_.emplace(name, std::move(slot));
  return Status::OK();
}

ProjectionEngine::ProjectionEngine(es::EventStore* store) : store_(store) {}

ProjectionEngine::~ProjectionEngine() { Stop(); }

void ProjectionEngine::Start() {
  std::lock_guard lock(mu_);
  if (started_ || stopped_) return;
  started_ = true;
  for (auto& [name, slot] : slots_) slot->active->runner.Start();
}

void ProjectionEngine::Stop() {
  std::vector<std::shared_ptr<Generation>> generations;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    for (auto& [name, slot] : slots_) {
      generations.push_back(slot->active);
      if (slot->building) generations.push_back(slot->building);
    }
  }
  // Without the lock: a builder may be waiting for it in Promote, and it sees stopped_.
  for (auto& generation : generations) generation->runner.Stop();
}

Result<std::shared_ptr<ProjectionEngine::Generation>> ProjectionEngine::NewBuilding(Slot& slot) {
  const std::string& name = slot.projection->name();
  const uint64_t number = slot.active->number + 1;
  es::ReadModelBatch batch;
  batch.Put(MetaKey("building", name), std::to_string(number));
  batch.checkpoints[GenerationName(name, number)] = 0;
  // A failed earlier attempt may have left keys of this generation behind.
  if (Status s = store_->DeleteReadModelPrefix(GenerationName(name, number) + "/"); !s.ok()) {
    return s;
  }
  if (Status s = store_->WriteReadModel(batch); !s.ok()) return s;
  if (Status s = store_->CreateReadModelGeneration(GenerationName(name, number)); !s.ok()) {
    return s;
  }
  auto building = std::make_shared<Generation>(store_, slot.projection, number);
  if (Status s = building->runner.Open(); !s.ok()) return s;
  return building;
}

Status ProjectionEngine::StartRebuild(const std::string& name) {
  std::shared_ptr<Generation> building;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return Status::Failed("the projections are stopped");
    auto it = slots_.find(name);
    if (it == slots_.end()) return Status::NotFound("no projection named " + name);
    Slot& slot = *it->second;
    if (slot.building && slot.building->runner.status().ok()) {
      return Status::Conflict(name + " is already being rebuilt");
    }
    if (slot.building) {  // a failed attempt: start over
      slot.building->runner.Stop();
      slot.building.reset();
    }
    auto created = NewBuilding(slot);
    if (!created.ok()) return created.status();
    building = slot.building = *created;
  }
  std::weak_ptr<Generation> weak = building;
  // Until it is promoted a building generation is discarded after a crash, never resumed, so
  // its catch-up steps can be ingested.
  building->runner.Start(
      [this, name, weak] {
        if (auto self = weak.lock()) (void)Promote(name, self);  // a failure leaves it building
      },
      ProjectionRunner::Commits::kIngested);
  return Status::OK();
}

Status ProjectionEngine::Rebuild(const std::string& name,
                                 const std::function<void(uint64_t, uint64_t)>& progress) {
  return Rebuild(std::vector<std::string>{name}, progress);
}

Status ProjectionEngine::Rebuild(const std::vector<std::string>& names,
                                 const std::function<void(uint64_t, uint64_t)>& progress) {
  std::vector<std::shared_ptr<Generation>> building;
  {
    std::lock_guard lock(mu_);
    if (started_) return Status::Failed("an offline rebuild needs the projections stopped");
    if (std::set<std::string>(names.begin(), names.end()).size() != names.size()) {
      return Status::InvalidArgument("a projection is named twice");
    }
    for (const auto& name : names) {
      if (slots_.count(name) == 0) return Status::NotFound("no projection named " + name);
    }
    for (const auto& name : names) {
      auto created = NewBuilding(*slots_.at(name));
      if (!created.ok()) return created.status();
      building.push_back(slots_.at(name)->building = *created);
    }
  }
  // Each model on a thread of its own, reporting the position of the one furthest behind.
  // Several models share one scan of the log, so each record is read and decoded once.
  const uint64_t last = store_->LastPosition();
  SharedScan scan(store_, last);
  std::vector<EventSource*> sources;
  for (const auto& b : building) {
    sources.push_back(scan.AddConsumer(b->runner.projection().filter(), b->runner.position()));
  }
  scan.Start();
  std::mutex progress_mu;
  std::vector<uint64_t> reached(building.size(), 0);
  std::vector<Status> results(building.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < building.size(); ++i) {
    threads.emplace_back([&, i] {
      pthread_setname_np(pthread_self(), "sb-projection");
      // A building generation is discarded after a crash (OpenSlot), never resumed, so its
      // steps can be ingested.
      results[i] = building[i]->runner.CatchUp(
          *sources[i], last,
          [&](uint64_t position) {
            std::lock_guard lock(progress_mu);
            reached[i] = position;
            if (progress) progress(*std::min_element(reached.begin(), reached.end()), last);
          },
          ProjectionRunner::Commits::kIngested);
      scan.Release(sources[i]);
    });
  }
  for (auto& t : threads) t.join();
  for (const Status& s : results) {
    if (!s.ok()) return s;
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (Status promoted = Promote(names[i], building[i]); !promoted.ok()) return promoted;
  }
  return Status::OK();
}

Status ProjectionEngine::Promote(const std::string& name,
                                 const std::shared_ptr<Generation>& building) {
  std::shared_ptr<Generation> old;
  {
    std::lock_guard lock(mu_);
    auto it = slots_.find(name);
    if (stopped_ || it == slots_.end() || it->second->building != building) {
      return Status::Failed("the rebuild of " + name + " was abandoned");
    }
    Slot& slot = *it->second;
    es::ReadModelBatch batch;
    batch.Put(MetaKey("active", name), std::to_string(building->number));
    batch.Put(MetaKey("retired", name), std::to_string(slot.active->number));
    batch.Delete(MetaKey("building", name));
    // On failure the new generation stays "building"; the next Open discards it.
    if (Status s = store_->WriteReadModel(batch); !s.ok()) return s;
    old = std::move(slot.active);
    old->retired = true;
    slot.active = building;
    slot.building.reset();
  }
  old->runner.Stop();
  // `old` is deleted here or when the last query holding its reader finishes.
  return Status::OK();
}

std::shared_ptr<const ModelReader> ProjectionEngine::Reader(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = slots_.find(name);
  if (it == slots_.end()) return nullptr;
  auto generation = it->second->active;
  return std::shared_ptr<const ModelReader>(generation, &generation->reader);
}

uint64_t ProjectionEngine::Position(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = slots_.find(name);
  return it == slots_.end() ? 0 : it->second->active->runner.position();
}

bool ProjectionEngine::WaitFor(const std::string& name, uint64_t position,
                               std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::shared_ptr<Generation> active;
    {
      std::lock_guard lock(mu_);
      auto it = slots_.find(name);
      if (it == slots_.end()) return false;
      active = it->second->active;
    }
    // Wait in short slices: a rebuild may swap the active generation meanwhile.
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return active->runner.position() >= position;
    const auto slice = std::min<std::chrono::steady_clock::duration>(deadline - now,
                                                                     std::chrono::milliseconds(50));
    if (active->runner.WaitFor(position,
                               std::chrono::duration_cast<std::chrono::milliseconds>(slice))) {
      return true;
    }
    if (!active->runner.status().ok()) return false;
  }
}

std::vector<ProjectionInfo> ProjectionEngine::List() const {
  const uint64_t last = store_->LastPosition();
  std::lock_guard lock(mu_);
  std::vector<ProjectionInfo> out;
  for (const auto& [name, slot] : slots_) {
    ProjectionInfo info;
    info.name = name;
    info.generation = slot->active->number;
    info.position = slot->active->runner.position();
    info.lag = last > info.position ? last - info.position : 0;
    Status status = slot->active->runner.status();
    info.state = !status.ok() ? "failed" : (started_ && !stopped_ ? "live" : "stopped");
    info.error = status.ok() ? "" : status.ToString();
    if (slot->building) {
      info.rebuilding = true;
      info.rebuild_generation = slot->building->number;
      info.rebuild_position = slot->building->runner.position();
      Status rebuild = slot->building->runner.status();
      info.rebuild_error = rebuild.ok() ? "" : rebuild.ToString();
    }
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<std::pair<std::string, int64_t>> ProjectionEngine::StatusCounts(
    const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = slots_.find(name);
  if (it == slots_.end()) return {};
  return it->second->active->runner.status_counts();
}

std::vector<std::string> ProjectionEngine::Names() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [name, slot] : slots_) out.push_back(name);
  return out;
}

}  // namespace sb::projections
