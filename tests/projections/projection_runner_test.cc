// ProjectionRunner::CatchUp with ingested steps: each step's table file is committed on
// another thread while the next step folds. Steps must still land one after another, a step
// must see everything the steps before it wrote, and counters must add up across steps.
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "projections/projection_runner.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

using projections::EventSource;
using projections::ModelReader;
using projections::ModelWriter;
using projections::ProjectionRunner;

// More writes per event than a step may hold (the runner's bound is 200,000), so that every
// event the source hands out on its own ends a step.
constexpr int kWritesPerEvent = 200001;
constexpr uint64_t kEvents = 3;

// Each event: reads the marker the previous event's step wrote (the stored model, not this
// step's), writes a marker of its own and kWritesPerEvent keys, and counts itself.
class BulkFolder : public projections::ProjectionFolder {
 public:
  explicit BulkFolder(std::vector<std::string>* seen) : seen_(seen) {}

  Status Apply(const es::RecordedEvent& event, ModelWriter& model) override {
    if (event.position > 1) {
      auto before = model.reader().Get(Marker(event.position - 1));
      if (!before.ok()) return before.status();
      seen_->push_back(before.value() ? **before : "(missing)");
    }
    const std::string prefix = "k/" + std::to_string(event.position) + "/";
    for (int i = 0; i < kWritesPerEvent; ++i) model.Put(prefix + std::to_string(i), "");
    model.Put(Marker(event.position), "written at " + std::to_string(event.position));
    return model.Add("count", 1);
  }
  Status Finish(ModelWriter&) override { return Status::OK(); }

  static std::string Marker(uint64_t position) { return "marker/" + std::to_string(position); }

 private:
  std::vector<std::string>* seen_;
};

class BulkProjection : public projections::Projection {
 public:
  explicit BulkProjection(std::vector<std::string>* seen) : seen_(seen) {}
  std::string name() const override { return "bulk"; }
  es::StreamFilter filter() const override { return es::StreamFilter::Glob("*"); }
  std::unique_ptr<projections::ProjectionFolder> NewFolder() const override {
    return std::make_unique<BulkFolder>(seen_);
  }

 private:
  std::vector<std::string>* seen_;
};

// Hands out the log's events one per read.
class OneAtATime : public EventSource {
 public:
  explicit OneAtATime(std::vector<es::RecordedEvent> events) : events_(std::move(events)) {}
  Result<std::vector<es::RecordedEvent>> Next(size_t) override {
    if (next_ == events_.size()) return std::vector<es::RecordedEvent>();
    return std::vector<es::RecordedEvent>{events_[next_++]};
  }
  Result<std::vector<es::RecordedEvent>> WaitNext(size_t max, std::chrono::milliseconds) override {
    return Next(max);
  }
  uint64_t next_position() const override {
    return next_ == 0 ? 1 : events_[next_ - 1].position + 1;
  }

 private:
  std::vector<es::RecordedEvent> events_;
  size_t next_ = 0;
};

// Appends `count` events to one stream and returns them as read back, in order.
std::vector<es::RecordedEvent> AppendBulk(es::EventStore& store, uint64_t count) {
  std::vector<es::RecordedEvent> events;
  for (uint64_t i = 1; i <= count; ++i) {
    es::EventData data;
    data.id = es::NewEventId();
    data.type = "Bulk";
    data.tenant = "acme";
    REQUIRE(store.Append("acme/bulk/1", es::ExpectedVersion::Any(), {data}).status.ok());
    es::RecordedEvent event;
    static_cast<es::EventData&>(event) = data;
    event.stream = "acme/bulk/1";
    event.version = event.position = i;
    events.push_back(event);
  }
  REQUIRE(store.CreateReadModelGeneration("bulk@1").ok());
  return events;
}

TEST_CASE("ingested catch-up steps commit in order while the next folds", "[projections]") {
  TempDir dir;
  auto store = es::EventStore::Open(dir.path());
  REQUIRE(store.ok());
  std::vector<es::RecordedEvent> events = AppendBulk(**store, kEvents);

  std::vector<std::string> seen;
  ProjectionRunner runner(store->get(), std::make_shared<BulkProjection>(&seen), "bulk@1");
  REQUIRE(runner.Open().ok());
  OneAtATime source(std::move(events));
  std::vector<uint64_t> progress;
  Status caught_up = runner.CatchUp(
      source, kEvents, [&](uint64_t position) { progress.push_back(position); },
      ProjectionRunner::Commits::kIngested);
  INFO(caught_up.ToString());
  REQUIRE(caught_up.ok());

  CHECK(runner.position() == kEvents);
  CHECK(runner.steps() == kEvents);
  // Each step read the previous step's marker from the stored model: it had landed.
  CHECK(seen == std::vector<std::string>{"written at 1", "written at 2"});
  REQUIRE(!progress.empty());
  CHECK(std::is_sorted(progress.begin(), progress.end()));
  CHECK(progress.back() == kEvents);

  ModelReader model(store->get(), "bulk@1/");
  auto count = model.Counter("count");
  REQUIRE(count.ok());
  CHECK(*count == static_cast<int64_t>(kEvents));
  for (uint64_t position = 1; position <= kEvents; ++position) {
    INFO("position " << position);
    size_t keys = 0;
    REQUIRE(model
                .Scan("k/" + std::to_string(position) + "/", "", false,
                      [&](std::string_view, std::string_view) { return ++keys, true; })
                .ok());
    CHECK(keys == static_cast<size_t>(kWritesPerEvent));
  }
  auto checkpoint = (*store)->LoadCheckpoint("bulk@1");
  REQUIRE(checkpoint.ok());
  CHECK(*checkpoint == kEvents);
}

TEST_CASE("a step that fails to commit in the background fails the catch-up", "[projections]") {
  TempDir dir;
  auto store = es::EventStore::Open(dir.path());
  REQUIRE(store.ok());
  std::vector<es::RecordedEvent> events = AppendBulk(**store, 1);
  // Where the table files are written, a file: the one step's ingest fails on its own thread,
  // after the step was folded and handed off.
  { std::ofstream(dir.path() + "/ingest") << "in the way"; }

  std::vector<std::string> seen;
  ProjectionRunner runner(store->get(), std::make_shared<BulkProjection>(&seen), "bulk@1");
  REQUIRE(runner.Open().ok());
  OneAtATime source(std::move(events));
  Status caught_up = runner.CatchUp(source, 1, {}, ProjectionRunner::Commits::kIngested);
  INFO(caught_up.ToString());
  CHECK(!caught_up.ok());
  CHECK(!runner.status().ok());
  CHECK(runner.position() == 0);
  auto checkpoint = (*store)->LoadCheckpoint("bulk@1");
  REQUIRE(checkpoint.ok());
  CHECK(*checkpoint == 0);
}

}  // namespace
}  // namespace sb::testing
