#include "eventstore/event_store.h"

#include <future>
#include <unordered_set>

#include <simdjson.h>
#include <boost/functional/hash.hpp>

#include "eventstore/group_committer.h"
#include "eventstore/keys.h"
#include "eventstore/store_core.h"

namespace sb::es {
namespace {

constexpr size_t kMaxStreamName = 512;
constexpr size_t kMaxTypeName = 256;

Status ValidateStreamName(const std::string& stream) {
  if (stream.empty()) return Status::InvalidArgument("stream name is empty");
  if (stream.size() > kMaxStreamName) return Status::InvalidArgument("stream name is too long");
  if (stream[0] == '$')
    return Status::InvalidArgument("stream names starting with '$' are reserved");
  for (unsigned char c : stream) {
    if (c < 0x20 || c == 0x7f) {
      return Status::InvalidArgument("stream name contains a control character");
    }
  }
  return Status::OK();
}

bool IsJson(const std::string& text) {
  thread_local simdjson::dom::parser parser;
  return parser.parse(text.data(), text.size(), true).error() == simdjson::SUCCESS;
}

Status ValidateEvents(std::vector<EventData>* events, const StoreOptions& options) {
  if (events->empty()) return Status::InvalidArgument("an append needs at least one event");
  if (events->size() > options.max_batch_events) {
    return Status::InvalidArgument("an append may hold at most " +
                                   std::to_string(options.max_batch_events) + " events");
  }
  std::unordered_set<EventId, boost::hash<EventId>> ids;
  for (size_t i = 0; i < events->size(); ++i) {
    EventData& e = (*events)[i];
    const std::string which = "event " + std::to_string(i) + ": ";
    if (e.id.is_nil()) e.id = NewEventId();
    if (!ids.insert(e.id).second) {
      return Status::InvalidArgument(which + "id " + ToString(e.id) + " repeats in this append");
    }
    if (e.type.empty() || e.type.size() > kMaxTypeName) {
      return Status::InvalidArgument(which + "type must be 1 to 256 bytes");
    }
    const size_t size = e.type.size() + e.payload.size() + e.tenant.size() + e.actor.size() +
                        e.correlation_id.size() + e.causation_id.size();
    if (size > options.max_event_bytes) {
      return Status::InvalidArgument(which + "is larger than " +
                                     std::to_string(options.max_event_bytes) + " bytes");
    }
    if (!IsJson(e.payload)) return Status::InvalidArgument(which + "payload is not valid JSON");
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& dir, StoreOptions options) {
  auto core = std::make_shared<StoreCore>(dir, std::move(options));
  if (Status s = core->Open(); !s.ok()) return s;
  std::unique_ptr<EventStore> store(new EventStore());
  store->core_ = std::move(core);
  if (!store->core_->options.follower) {
    store->writer_ = std::make_unique<GroupCommitter>(store->core_.get());
  }
  return store;
}

EventStore::~EventStore() {
  writer_.reset();  // commits what is queued first
  core_->Close();
}

void EventStore::AppendAsync(std::string stream, ExpectedVersion expected,
                             std::vector<EventData> events, AppendCallback done,
                             std::shared_ptr<AppendChain> chain) {
  Status s = ValidateStreamName(stream);
  if (s.ok()) s = ValidateEvents(&events, core_->options);
  if (s.ok() && !writer_) s = Status::Failed("a follower cannot append");
  if (s.ok()) s = core_->failure();
  if (!s.ok()) {
    if (chain) chain->Break();
    done(AppendResult{s});
    return;
  }
  writer_->Submit(AppendRequest{std::move(stream), expected, std::move(events), std::move(done),
                                std::move(chain)});
}

AppendResult EventStore::Append(std::string stream, ExpectedVersion expected,
                                std::vector<EventData> events) {
  std::promise<AppendResult> promise;
  auto future = promise.get_future();
  AppendAsync(std::move(stream), expected, std::move(events),
              [&promise](const AppendResult& r) { promise.set_value(r); });
  return future.get();
}

Result<std::vector<RecordedEvent>> EventStore::ReadStream(const std::string& stream,
                                                          uint64_t from_version,
                                                          Direction direction, size_t limit) const {
  if (Status s = ValidateStreamName(stream); !s.ok()) return s;
  return core_->ReadStream(stream, from_version, direction, limit);
}

Result<AllSlice> EventStore::ReadAll(uint64_t from_position, size_t limit,
                                     const StreamFilter& filter) const {
  return core_->ReadAll(from_position, limit, filter);
}

Result<uint64_t> EventStore::ScanAll(uint64_t from_position, size_t limit,
                                     const StreamFilter& filter, const EventVisitor& visit) const {
  return core_->ScanAll(from_position, limit, filter, UINT64_MAX, visit);
}

Result<uint64_t> EventStore::ScanInto(uint64_t from_position, uint64_t until_position, size_t limit,
                                      const RecordPlace& place, const EventVisitor& placed) const {
  return core_->ScanInto(from_position, limit, until_position, place, placed);
}

Result<RecordedEvent> EventStore::ReadAt(uint64_t position) const {
  return core_->ReadAt(position);
}

uint64_t EventStore::LastPosition() const { return core_->last_position.load(); }

Result<uint64_t> EventStore::StreamVersion(const std::string& stream) const {
  if (Status s = ValidateStreamName(stream); !s.ok()) return s;
  return core_->StreamVersion(stream);
}

std::shared_ptr<Subscription> EventStore::Subscribe(uint64_t from_position, StreamFilter filter,
                                                    std::function<void()> on_available) {
  auto sub =
      std::make_shared<Subscription>(core_, from_position, std::move(filter),
                                     core_->options.subscription_buffer, std::move(on_available));
  core_->AddSubscriber(sub);
  return sub;
}

Status EventStore::SaveSnapshot(const std::string& stream, const Snapshot& snapshot) {
  return core_->Put(core_->snapshots, stream, EncodeBigEndian64(snapshot.version) + snapshot.state);
}

Result<Snapshot> EventStore::LoadSnapshot(const std::string& stream) const {
  auto value = core_->Get(core_->snapshots, stream);
  if (!value.ok()) return value.status();
  if (value->size() < 8) return Status::Corruption("malformed snapshot of " + stream);
  return Snapshot{DecodeBigEndian64(*value), value->substr(8)};
}

Status EventStore::DeleteSnapshot(const std::string& stream) {
  return core_->Delete(core_->snapshots, stream);
}

Status EventStore::SaveCheckpoint(const std::string& projection, uint64_t position) {
  return core_->Put(core_->checkpoints, projection, EncodeBigEndian64(position));
}

Result<uint64_t> EventStore::LoadCheckpoint(const std::string& projection) const {
  auto value = core_->Get(core_->checkpoints, projection);
  if (value.status().IsNotFound()) return uint64_t{0};
  if (!value.ok()) return value.status();
  if (value->size() != 8) return Status::Corruption("malformed checkpoint of " + projection);
  return DecodeBigEndian64(*value);
}

Status EventStore::PutIdempotencyKey(const std::string& key, const std::string& response) {
  return core_->Put(core_->idempotency, key, response);
}

Result<std::string> EventStore::GetIdempotencyKey(const std::string& key) const {
  return core_->Get(core_->idempotency, key);
}

Status EventStore::WriteReadModel(const ReadModelBatch& batch) {
  return core_->WriteReadModel(batch);
}

Status EventStore::IngestReadModel(const ReadModelBatch& batch) {
  return core_->IngestReadModel(batch);
}

Result<std::string> EventStore::GetReadModel(const std::string& key) const {
  return core_->GetModel(key);
}

Status EventStore::ScanReadModel(
    const std::string& prefix, const std::string& start, bool reverse,
    const std::function<bool(std::string_view, std::string_view)>& visit) const {
  return core_->ScanModel(prefix, start, reverse, visit);
}

Status EventStore::DeleteReadModelPrefix(const std::string& prefix) {
  return core_->DeleteModelPrefix(prefix);
}

Status EventStore::CreateReadModelGeneration(const std::string& generation) {
  return core_->CreateModelGeneration(generation);
}

Status EventStore::Backup(const std::string& to_dir) { return core_->CreateCheckpoint(to_dir); }

Result<uint64_t> EventStore::CatchUp() { return core_->CatchUp(); }

Status EventStore::health() const { return core_->failure(); }

StoreStats EventStore::stats() const {
  return StoreStats{core_->batches.load(), core_->requests.load(), core_->appended.load()};
}

const std::string& EventStore::dir() const { return core_->dir; }

}  // namespace sb::es
