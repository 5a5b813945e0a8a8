#include "eventstore/group_committer.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include <pthread.h>
#include <rocksdb/perf_level.h>
#include <rocksdb/write_batch.h>
#include <boost/functional/hash.hpp>

#include "eventstore/keys.h"
#include "eventstore/record_codec.h"
#include "eventstore/store_core.h"

namespace sb::es {
namespace {

constexpr size_t kMaxCachedStreams = 1 << 20;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// What one WriteBatch will hold, for decisions about later requests in the same batch.
struct GroupCommitter::Batch {
  rocksdb::WriteBatch write;
  uint64_t first_position = 0;
  std::vector<RecordedEvent> events;                                // staged, in position order
  std::unordered_map<EventId, uint64_t, boost::hash<EventId>> ids;  // staged id -> position
  // Ids of this batch the log already holds: their position, or why the lookup failed.
  std::unordered_map<EventId, Result<uint64_t>, boost::hash<EventId>> stored;
  std::string record;  // encoding scratch
};

// A batch handed from the writer to the sync thread: written (or refused), not yet durable.
struct GroupCommitter::Written {
  std::vector<AppendRequest> requests;
  std::vector<AppendResult> results;
  std::vector<RecordedEvent> events;  // what the batch wrote, from first_position on
  uint64_t first_position = 0;
  size_t bytes = 0;
  int64_t write_micros = 0;
};

// Batches a sync covered (or that a failed sync leaves unknown), handed to the acknowledging
// thread.
struct GroupCommitter::Synced {
  std::vector<Written> batches;
  Status verdict;
  BatchMetrics metrics;
};

GroupCommitter::GroupCommitter(StoreCore* core)
    : core_(core),
      next_position_(core->last_position + 1),
      sync_thread_([this] {
        pthread_setname_np(pthread_self(), "sb-log-sync");
        rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
        SyncLoop();
      }),
      acknowledge_thread_([this] {
        pthread_setname_np(pthread_self(), "sb-log-ack");
        AcknowledgeLoop();
      }),
      thread_([this] {
        pthread_setname_np(pthread_self(), "sb-log-write");
        // RocksDB counts into its per-thread perf context by default, which nobody reads here:
        // a thread-local lookup in the shared library on every step of every write.
        rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
        Run();
      }) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();  // everything queued is written and handed to the sync thread first
  written_.Close();
  sync_thread_.join();
  synced_.Close();
  acknowledge_thread_.join();
}

void GroupCommitter::Submit(AppendRequest request) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      wake = queue_.empty();
      queue_.push_back(std::move(request));
      request.done = nullptr;
    }
  }
  if (request.done) {
    AppendResult refused;
    refused.status = Status::Unavailable("event log is closing");
    if (request.chain) request.chain->Break();
    request.done(refused);
    return;
  }
  if (wake) cv_.notify_one();
}

void GroupCommitter::Run() {
  std::vector<AppendRequest> taken;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued was written
      // No gathering wait: whatever arrives while the disk syncs joins the next sync anyway.
      size_t events = 0, n = 0;
      while (n < queue_.size() && (n == 0 || events < core_->options.max_batch_events)) {
        events += queue_[n++].events.size();
      }
      if (n == queue_.size()) {
        taken.swap(queue_);
      } else {
        taken.assign(std::make_move_iterator(queue_.begin()),
                     std::make_move_iterator(queue_.begin() + n));
        queue_.erase(queue_.begin(), queue_.begin() + n);
      }
    }
    Commit(&taken);
    taken.clear();
  }
}

void GroupCommitter::Commit(std::vector<AppendRequest>* requests) {
  // Cleared only between batches: the slots of streams staged in this batch must stay.
  if (versions_.size() >= kMaxCachedStreams) versions_.clear();
  Batch batch;
  batch.first_position = next_position_;
  Written written;
  written.results.reserve(requests->size());
  LookUpStoredIds(*requests, &batch);
  for (auto& request : *requests) {
    written.results.push_back(Stage(&request, &batch));
    // At once, not on acknowledgement: the chain's next append may be in this very batch.
    if (request.chain && !written.results.back().status.ok()) request.chain->Break();
  }
  // The id index goes in last and in key order: ids made in the same millisecond differ only
  // in random bits, and the memtable's skip list inserts sorted keys from where it left off.
  std::vector<std::pair<EventId, uint64_t>> ids(batch.ids.begin(), batch.ids.end());
  std::sort(ids.begin(), ids.end());
  for (const auto& [id, position] : ids) {
    batch.write.Put(core_->event_ids, EventIdKey(id), PositionKey(position));
  }

  if (batch.write.Count() > 0) {
    rocksdb::WriteOptions wo;
    wo.memtable_insert_hint_per_batch = true;  // positions and versions are sequential
    const auto start = std::chrono::steady_clock::now();
    rocksdb::Status s = core_->db()->Write(wo, &batch.write);
    written.write_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count();
    if (!s.ok()) {
      // Whether the bytes reached the WAL is now unknown: refuse every later write rather than
      // risk a gap or a silent loss (LevelDB's rule). Reads keep working.
      core_->SetFailure(Status::Failed(
          "event log write failed, the store is read-only until reopened: " + s.ToString()));
      for (auto& r : written.results) {
        if (r.status.ok()) r = AppendResult{core_->failure()};
      }
    } else {
      next_position_ += batch.events.size();
      written.first_position = batch.first_position;
      written.events = std::move(batch.events);
      written.bytes = batch.write.GetDataSize();
    }
  }
  written.requests = std::move(*requests);
  bool more_queued;
  {
    std::lock_guard lock(mu_);
    more_queued = !queue_.empty();
  }
  if (!more_queued && written_.Idle()) {
    // Nothing to stage during the sync: syncing here spares the hand-off to the sync thread.
    std::vector<Written> alone;
    alone.push_back(std::move(written));
    SyncAndAcknowledge(&alone);
  } else {
    written_.Push(std::move(written));
  }
}

void GroupCommitter::SyncLoop() {
  std::vector<Written> taken;
  while (written_.TakeAll(&taken)) SyncAndAcknowledge(&taken);
}

void GroupCommitter::SyncAndAcknowledge(std::vector<Written>* batches) {
  BatchMetrics metrics;
  for (const Written& w : *batches) {
    metrics.requests += w.requests.size();
    metrics.events += w.events.size();
    metrics.bytes += w.bytes;
    metrics.write_micros += w.write_micros;
  }
  if (metrics.events > 0 && core_->failure().ok()) {
    const auto start = std::chrono::steady_clock::now();
    rocksdb::Status s = core_->db()->SyncWAL();
    metrics.write_micros += std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
    if (!s.ok()) {
      // A failed sync may have dropped pages that a retry would report as synced: never
      // retry, and never write again.
      core_->SetFailure(Status::Failed(
          "event log sync failed, the store is read-only until reopened: " + s.ToString()));
    }
  }
  // Answering 30-odd appends took 50-70 µs, a third of a sync, during which the next batch,
  // if written already, waited. Then the acknowledging thread answers and the next sync starts
  // now; otherwise answering here spares a hand-off. Either way answers go out in order: only
  // while that thread has nothing left to answer may this one answer itself.
  if (written_.HasQueued() || !synced_.Idle()) {
    synced_.Push(Synced{std::move(*batches), core_->failure(), metrics});
    batches->clear();
  } else {
    Acknowledge(batches, core_->failure(), metrics);
  }
}

void GroupCommitter::AcknowledgeLoop() {
  std::vector<Synced> taken;
  while (synced_.TakeAll(&taken)) {
    for (Synced& s : taken) Acknowledge(&s.batches, s.verdict, s.metrics);
  }
}

void GroupCommitter::Acknowledge(std::vector<Written>* synced, const Status& verdict,
                                 const BatchMetrics& metrics) {
  for (Written& w : *synced) {
    if (!verdict.ok()) {
      // Duplicates too: their originals may be in the batches the failed sync covered.
      for (size_t i = 0; i < w.results.size(); ++i) {
        if (w.results[i].status.ok()) w.results[i] = AppendResult{verdict};
        if (w.requests[i].chain) w.requests[i].chain->Break();
      }
      continue;
    }
    if (w.events.empty()) continue;
    const uint64_t last = w.first_position + w.events.size() - 1;
    core_->last_position = last;
    core_->Publish(w.first_position, last, w.events);
  }
  if (verdict.ok() && metrics.events > 0) {
    core_->batches.fetch_add(1, std::memory_order_relaxed);
    core_->requests.fetch_add(metrics.requests, std::memory_order_relaxed);
    core_->appended.fetch_add(metrics.events, std::memory_order_relaxed);
    if (core_->options.on_batch) core_->options.on_batch(metrics);
  }
  for (Written& w : *synced) {
    for (size_t i = 0; i < w.requests.size(); ++i) {
      try {
        w.requests[i].done(w.results[i]);
      } catch (...) {
        // A callback that throws is a caller's bug; it must not take the log down with it.
      }
    }
  }
}

void GroupCommitter::LookUpStoredIds(const std::vector<AppendRequest>& requests, Batch* batch) {
  // One MultiGet instead of a Get per event: RocksDB takes its view of the memtables and files
  // and walks each bloom filter once for the batch. Only the writer writes, so what it finds
  // holds until the batch is staged.
  std::vector<rocksdb::Slice> keys;
  for (const auto& request : requests) {
    for (const EventData& e : request.events) {
      keys.emplace_back(reinterpret_cast<const char*>(e.id.data), sizeof(e.id.data));
    }
  }
  if (keys.empty()) return;
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  core_->db()->MultiGet(rocksdb::ReadOptions(), core_->event_ids, keys.size(), keys.data(),
                        values.data(), statuses.data());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    EventId id;
    std::memcpy(id.data, keys[i].data(), sizeof(id.data));
    if (!statuses[i].ok()) {
      batch->stored.emplace(id, FromRocks(statuses[i], "cannot look up event id"));
    } else if (values[i].size() != 8) {
      batch->stored.emplace(id, Status::Corruption("malformed event id index entry"));
    } else {
      batch->stored.emplace(id, DecodeBigEndian64({values[i].data(), 8}));
    }
  }
}

AppendResult GroupCommitter::Stage(AppendRequest* request_ptr, Batch* batch) {
  AppendRequest& request = *request_ptr;
  AppendResult result;
  if (Status failed = core_->failure(); !failed.ok()) return AppendResult{failed};
  if (request.chain && request.chain->broken()) {
    return AppendResult{
        Status::Conflict("an earlier append of its chain to " + request.stream + " was refused")};
  }
  if (CheckDuplicates(request, *batch, &result)) return result;

  auto current = StreamVersion(request.stream);
  if (!current.ok()) return AppendResult{current.status()};
  uint64_t version = **current;
  if (!request.expected.Matches(version)) {
    result.status =
        Status::Conflict("stream " + request.stream + " is at version " + std::to_string(version) +
                         ", expected " + request.expected.ToString());
    result.stream_version = version;
    return result;
  }

  const int64_t now = NowMicros();
  uint64_t position = batch->first_position + batch->events.size();
  result.first_position = position;
  for (EventData& data : request.events) {
    RecordedEvent& e = batch->events.emplace_back();
    static_cast<EventData&>(e) = std::move(data);  // the request needs only its callback now
    e.stream = request.stream;
    e.version = ++version;
    e.position = position;
    if (e.timestamp_us == 0) e.timestamp_us = now;
    batch->record.clear();
    EncodeRecord(e, &batch->record);
    const std::string pos_key = PositionKey(position);
    batch->write.Put(core_->events, pos_key, batch->record);
    batch->write.Put(core_->stream_index, StreamIndexKey(e.stream, version), pos_key);
    batch->ids.emplace(e.id, position);
    ++position;
  }
  *current.value() = version;
  result.last_position = position - 1;
  result.stream_version = version;
  return result;
}

bool GroupCommitter::CheckDuplicates(const AppendRequest& request, const Batch& batch,
                                     AppendResult* result) {
  std::vector<uint64_t> found;
  for (const EventData& e : request.events) {
    if (auto i = batch.ids.find(e.id); i != batch.ids.end()) {
      found.push_back(i->second);
    } else if (auto s = batch.stored.find(e.id); s != batch.stored.end()) {
      if (!s->second.ok()) {
        *result = AppendResult{s->second.status()};
        return true;
      }
      found.push_back(*s->second);
    }
  }
  if (found.empty()) return false;

  // A retry of an earlier append: the same ids, in the same order, at consecutive positions of
  // the same stream.
  bool same = found.size() == request.events.size();
  uint64_t last_version = 0;
  for (size_t i = 0; same && i < found.size(); ++i) {
    RecordedEvent stored;
    if (found[i] >= batch.first_position) {
      stored = batch.events[found[i] - batch.first_position];
    } else if (auto r = core_->ReadAt(found[i], StoreCore::Visibility::kWritten); r.ok()) {
      stored = std::move(*r);
    } else {
      *result = AppendResult{r.status()};
      return true;
    }
    same = stored.stream == request.stream && found[i] == found[0] + i &&
           stored.id == request.events[i].id;
    last_version = stored.version;
  }
  if (!same) {
    result->status = Status::Conflict("event id " + ToString(request.events[0].id) +
                                      " or another of this append is already stored at position " +
                                      std::to_string(found[0]) + " as part of a different append");
    return true;
  }
  result->first_position = found.front();
  result->last_position = found.back();
  result->stream_version = last_version;
  result->duplicate = true;
  return true;
}

Result<uint64_t*> GroupCommitter::StreamVersion(const std::string& stream) {
  auto [slot, inserted] = versions_.try_emplace(stream, 0);
  if (inserted) {
    auto stored = core_->StreamVersion(stream, StoreCore::Visibility::kWritten);
    if (!stored.ok()) {
      versions_.erase(slot);
      return stored.status();
    }
    slot->second = *stored;
  }
  return &slot->second;
}

}  // namespace sb::es
