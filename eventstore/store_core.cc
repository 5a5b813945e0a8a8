#include "eventstore/store_core.h"

#include <stdlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include "eventstore/keys.h"
#include "eventstore/record_codec.h"
#include "eventstore/subscription.h"
#include "eventstore/wal_file_system.h"

namespace sb::es {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string>& ColumnFamilyNames() {
  static const std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName,
                                                 kEventsCf,
                                                 kStreamIndexCf,
                                                 kEventIdsCf,
                                                 kSnapshotsCf,
                                                 kCheckpointsCf,
                                                 kIdempotencyCf,
                                                 kReadModelsCf};
  return names;
}

// The stream name part ("<stream>\0") of a stream index key. Versions of one stream arrive in
// order, so remembering where the last insert of each stream went makes the next one O(1).
class StreamOfIndexKey : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "switchboard.StreamOfIndexKey"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - 8);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 8; }
};

rocksdb::ColumnFamilyOptions FamilyOptions(const std::string& name,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // LZ4 compresses and decompresses faster than the default Snappy: the log's replay reads
  // every block, and a rebuild's model is written and compacted whole.
  const auto supported = rocksdb::GetSupportedCompressions();
  if (std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end()) {
    cf.compression = rocksdb::kLZ4Compression;
  }
  if (name == kEventsCf) {
    cf.write_buffer_size = 64 << 20;
  } else if (name == kStreamIndexCf || name == kEventIdsCf) {
    // Nearly every lookup of a new event id or a new stream misses: bloom filters answer
    // those without touching data blocks, in the memtable as well as in the files.
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    cf.memtable_prefix_bloom_size_ratio = 0.05;
    cf.memtable_whole_key_filtering = true;
    // Small memtables: every insert walks the skip list, and shallower lists walk faster.
    cf.write_buffer_size = 16 << 20;
    if (name == kStreamIndexCf) {
      cf.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamOfIndexKey>();
    }
  }
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

bool IsModelFamily(const std::string& name) {
  return name.size() > std::strlen(kModelFamilyPrefix) && name.rfind(kModelFamilyPrefix, 0) == 0;
}

// True if the database in `dir` has no key in its default column family.
bool IsEmptyDatabase(const std::string& dir) {
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::Options(), dir, &raw).ok()) return false;
  std::unique_ptr<rocksdb::DB> db(raw);
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  it->SeekToFirst();
  return !it->Valid() && it->status().ok();
}

bool IsLockError(const rocksdb::Status& s) {
  return s.IsIOError() && s.ToString().find("lock") != std::string::npos;
}

}  // namespace

Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::OK();
  std::string msg = context + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsBusy() || s.IsTryAgain()) return Status::Busy(msg);
  return Status::IOError(msg);
}

StoreCore::StoreCore(std::string d, StoreOptions o) : dir(std::move(d)), options(std::move(o)) {}

StoreCore::~StoreCore() { Close(); }

Status StoreCore::Open() {
  std::error_code ec;
  const bool dir_exists = fs::exists(dir, ec);
  if (dir_exists && !fs::is_directory(dir, ec)) {
    return Status::IOError("data directory " + dir + " is not a directory");
  }
  const bool log_exists = dir_exists && fs::exists(fs::path(dir) / "CURRENT", ec);
  if (!log_exists && (options.follower || !options.create_if_missing)) {
    return Status::NotFound("no event log in " + dir);
  }
  if (Status s = OpenDb(); !s.ok()) return s;
  if (!options.follower) {
    std::error_code ignored;  // table files an interrupted ingest left behind
    fs::remove_all(IngestDir(), ignored);
  }
  auto last = LoadLastPosition();
  Status s = last.ok() ? CheckFormat(*last == 0) : last.status();
  if (!s.ok()) {
    Close();
    return s;
  }
  last_position = *last;
  return Status::OK();
}

Status StoreCore::OpenDb() {
  auto cache = rocksdb::NewLRUCache(64 << 20);
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = !options.follower;
  db_options.paranoid_checks = true;
  // The WAL goes through our file systems (wal_file_system.h), on top of a test's if it gave one.
  const std::shared_ptr<rocksdb::FileSystem> base =
      options.env != nullptr ? options.env->GetFileSystem() : rocksdb::FileSystem::Default();
  env_ = rocksdb::NewCompositeEnv(options.follower ? NewFollowerWalFileSystem(base)
                                                   : NewOwnerWalFileSystem(base));
  db_options.env = env_.get();
  if (options.follower) db_options.max_open_files = -1;  // required by secondary instances
  db_options.max_total_wal_size = options.max_wal_bytes;

  std::vector<std::string> names = ColumnFamilyNames();
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, dir, &existing).ok() &&
      std::find(existing.begin(), existing.end(), kEventsCf) == existing.end() &&
      !IsEmptyDatabase(dir)) {
    // An empty database without our families is a log whose creation was interrupted: it is
    // finished below. One with data is someone else's.
    return Status::InvalidArgument(dir + " holds a RocksDB database that is not a switchboard " +
                                   "event log (no '" + kEventsCf + "' column family)");
  }
  // Every family must be opened: the fixed ones, and the read-model generations that have one.
  const size_t fixed = names.size();
  for (const auto& name : existing) {
    if (IsModelFamily(name)) names.push_back(name);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) {
    families.emplace_back(name, FamilyOptions(IsModelFamily(name) ? kReadModelsCf : name, cache));
  }

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (options.follower) {
    char tmpl[] = "/tmp/switchboard-follower-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return Status::IOError("cannot create a follower directory");
    secondary_dir_ = tmpl;
    s = rocksdb::DB::OpenAsSecondary(db_options, dir, secondary_dir_, families, &handles_, &raw);
  } else {
    s = rocksdb::DB::Open(db_options, dir, families, &handles_, &raw);
  }
  if (!s.ok()) {
    if (IsLockError(s)) {
      return Status::Busy("data directory " + dir +
                          " is in use by another process (its LOCK is held): " + s.ToString());
    }
    return FromRocks(s, "cannot open the event log in " + dir);
  }
  db_.reset(raw);
  events = handles_[1];
  stream_index = handles_[2];
  event_ids = handles_[3];
  snapshots = handles_[4];
  checkpoints = handles_[5];
  idempotency = handles_[6];
  read_models = handles_[7];
  for (size_t i = fixed; i < names.size(); ++i) {
    model_families_.emplace(names[i].substr(std::strlen(kModelFamilyPrefix)), handles_[i]);
  }
  handles_.resize(fixed);
  model_options_ = FamilyOptions(kReadModelsCf, cache);
  return Status::OK();
}

Status StoreCore::CheckFormat(bool log_is_empty) {
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions(), handles_[0], kFormatKey, &value);
  // The marker is written last when a log is created: an empty log without one was interrupted
  // while being created (or is new), and is initialised now.
  if (s.IsNotFound() && log_is_empty && !options.follower) {
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocks(db_->Put(wo, handles_[0], kFormatKey, kFormatValue), "cannot initialise log");
  }
  if (s.IsNotFound() && log_is_empty) return Status::NotFound("the log in " + dir + " is new");
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "cannot read the log's format marker");
  if (value != kFormatValue) {
    return Status::InvalidArgument(dir + " is not a switchboard event log of format " +
                                   kFormatValue + " (found '" + value + "')");
  }
  return Status::OK();
}

void StoreCore::Close() {
  std::unique_lock lock(lifetime_mu_);
  if (closed_) return;
  closed_ = true;
  CloseDbLocked();
}

void StoreCore::CloseDbLocked() {
  if (db_) {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    handles_.clear();
    for (auto& [generation, h] : model_families_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
    db_.reset();
  }
  if (!secondary_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(secondary_dir_, ec);
    secondary_dir_.clear();
  }
}

Status StoreCore::failure() const {
  std::lock_guard lock(failure_mu_);
  return failure_;
}

void StoreCore::SetFailure(Status status) {
  std::lock_guard lock(failure_mu_);
  if (failure_.ok()) failure_ = std::move(status);
}

Result<uint64_t> StoreCore::LoadLastPosition() const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events));
  it->SeekToLast();
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read the log's end");
  if (!it->Valid()) return uint64_t{0};
  if (it->key().size() != 8) return Status::Corruption("malformed event key at the log's end");
  return DecodeBigEndian64(std::string_view(it->key().data(), 8));
}

Result<uint64_t> StoreCore::ContiguousEnd(uint64_t from) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events));
  uint64_t last = from;
  for (it->Seek(PositionKey(from + 1)); it->Valid(); it->Next()) {
    if (it->key().size() != 8 ||
        DecodeBigEndian64(std::string_view(it->key().data(), 8)) != last + 1) {
      break;
    }
    ++last;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read the log's end");
  return last;
}

Result<uint64_t> StoreCore::CatchUp() {
  {
    std::shared_lock lock(lifetime_mu_);
    if (closed_) return Status::Unavailable("event log is closed");
    if (!options.follower) return last_position.load();
    auto s = db_->TryCatchUpWithPrimary();
    if (s.ok()) {
      // RocksDB 7.8's secondary can, for one catch-up, hold the owner's new WAL file but not yet
      // the rest of the one before it, which the owner is flushing: a hole just past what the
      // follower showed before. Only the gap-free run is shown; a later catch-up fills the hole.
      auto last = ContiguousEnd(last_position.load());
      if (!last.ok()) return last.status();
      last_position = *last;
      return last_position.load();
    }
    // RocksDB 7.8's secondary cannot follow a column family created after it opened (a new
    // read-model generation): it reports the owner's next edit to it as corruption. Opening
    // again, with every family, is how it sees the owner's state then.
    if (!s.IsCorruption() || s.ToString().find("unknown column family") == std::string::npos) {
      return FromRocks(s, "cannot catch up with the log's owner");
    }
  }
  std::unique_lock families(families_mu_);
  std::unique_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  CloseDbLocked();
  model_families_.clear();
  Status s = OpenDb();
  auto last = s.ok() ? LoadLastPosition() : Result<uint64_t>(s);
  if (!last.ok()) {
    closed_ = true;
    CloseDbLocked();
    return last.status();
  }
  last_position = *last;
  return last_position.load();
}

Status StoreCore::ReadLocked(uint64_t position, RecordedEvent* out) const {
  rocksdb::PinnableSlice value;
  auto s = db_->Get(rocksdb::ReadOptions(), events, PositionKey(position), &value);
  if (s.IsNotFound()) return Status::NotFound("no event at position " + std::to_string(position));
  if (!s.ok()) return FromRocks(s, "cannot read position " + std::to_string(position));
  Status d = DecodeRecord(std::string_view(value.data(), value.size()), out);
  if (!d.ok()) return Status::Corruption(d.message() + " at position " + std::to_string(position));
  if (out->position != position) {
    return Status::Corruption("record at position " + std::to_string(position) + " says " +
                              std::to_string(out->position));
  }
  return Status::OK();
}

Result<RecordedEvent> StoreCore::ReadAt(uint64_t position, Visibility v) const {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (v == Visibility::kDurable && position > last_position.load()) {
    return Status::NotFound("no event at position " + std::to_string(position));
  }
  RecordedEvent e;
  if (Status s = ReadLocked(position, &e); !s.ok()) return s;
  return e;
}

Result<uint64_t> StoreCore::ScanAll(uint64_t from, size_t limit, const StreamFilter& filter,
                                    uint64_t until, const EventVisitor& visit) const {
  RecordedEvent e;  // reused: its strings keep their capacity from record to record
  return ScanInto(
      from, limit, until,
      [&](uint64_t, std::string_view stream) { return filter.Matches(stream) ? &e : nullptr; },
      visit);
}

Result<uint64_t> StoreCore::ScanInto(uint64_t from, size_t limit, uint64_t until,
                                     const RecordPlace& place, const EventVisitor& placed) const {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  from = std::max<uint64_t>(from, 1);
  uint64_t next = from;
  until = std::min(until, last_position.load());
  if (limit == 0 || from > until) return next;

  rocksdb::ReadOptions ro;
  const std::string upper = PositionKey(until + 1);
  const rocksdb::Slice upper_slice = upper;
  ro.iterate_upper_bound = &upper_slice;
  ro.readahead_size = 2 << 20;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, events));
  size_t delivered = 0;
  for (it->Seek(PositionKey(from)); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    const uint64_t pos = key.size() == 8 ? DecodeBigEndian64({key.data(), 8}) : 0;
    if (pos != next) {
      return Status::Corruption("log has a gap or a bad key: expected position " +
                                std::to_string(next));
    }
    next = pos + 1;
    const std::string_view bytes(it->value().data(), it->value().size());
    std::string_view stream;
    if (!PeekRecordStream(bytes, &stream)) {
      return Status::Corruption("unreadable record at position " + std::to_string(pos));
    }
    RecordedEvent* e = place(pos, stream);
    if (e == nullptr) continue;
    Status d = DecodeRecord(bytes, e);
    if (!d.ok()) return Status::Corruption(d.message() + " at position " + std::to_string(pos));
    if (e->position != pos) {
      return Status::Corruption("record at position " + std::to_string(pos) + " says " +
                                std::to_string(e->position));
    }
    if (placed) placed(*e);
    if (++delivered >= limit) break;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot scan the log");
  return next;
}

Result<AllSlice> StoreCore::ReadAll(uint64_t from, size_t limit, const StreamFilter& filter,
                                    uint64_t until) const {
  AllSlice slice;
  slice.events.reserve(std::min<size_t>(limit, 1024));
  auto next = ScanInto(from, limit, until, [&](uint64_t, std::string_view stream) {
    return filter.Matches(stream) ? &slice.events.emplace_back() : nullptr;
  });
  if (!next.ok()) return next.status();
  slice.next_position = *next;
  return slice;
}

Result<std::vector<RecordedEvent>> StoreCore::ReadStream(const std::string& stream,
                                                         uint64_t from_version, Direction direction,
                                                         size_t limit) const {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  std::vector<uint64_t> positions;
  const uint64_t durable = last_position.load();
  const std::string prefix = StreamIndexPrefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), stream_index));
  if (direction == Direction::kForward) {
    it->Seek(StreamIndexKey(stream, std::max<uint64_t>(from_version, 1)));
  } else {
    it->SeekForPrev(StreamIndexKey(stream, from_version));
  }
  while (it->Valid() && positions.size() < limit && it->key().starts_with(prefix)) {
    if (it->value().size() != 8) return Status::Corruption("malformed stream index entry");
    const uint64_t position = DecodeBigEndian64({it->value().data(), 8});
    if (position <= durable) positions.push_back(position);
    if (direction == Direction::kForward) {
      it->Next();
    } else {
      it->Prev();
    }
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read stream " + stream);

  std::vector<RecordedEvent> out(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    if (Status s = ReadLocked(positions[i], &out[i]); !s.ok()) return s;
    if (out[i].stream != stream) {
      return Status::Corruption("stream index of " + stream + " points at position " +
                                std::to_string(positions[i]) + " of " + out[i].stream);
    }
  }
  return out;
}

Result<uint64_t> StoreCore::StreamVersion(const std::string& stream, Visibility v) const {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  const uint64_t durable = v == Visibility::kDurable ? last_position.load() : UINT64_MAX;
  const std::string prefix = StreamIndexPrefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), stream_index));
  // Back past the versions not yet durable: at most the few batches the disk is syncing.
  for (it->SeekForPrev(StreamIndexKey(stream, UINT64_MAX));
       it->Valid() && it->key().starts_with(prefix) && it->value().size() == 8 &&
       DecodeBigEndian64({it->value().data(), 8}) > durable;
       it->Prev()) {
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read stream " + stream);
  if (!it->Valid() || !it->key().starts_with(prefix)) return uint64_t{0};
  std::string_view name;
  uint64_t version = 0;
  if (!ParseStreamIndexKey({it->key().data(), it->key().size()}, &name, &version)) {
    return Status::Corruption("malformed stream index key of " + stream);
  }
  return version;
}

Result<std::string> StoreCore::Get(rocksdb::ColumnFamilyHandle* cf, const std::string& key) const {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  std::string value;
  auto s = db_->Get(rocksdb::ReadOptions(), cf, key, &value);
  if (!s.ok()) return FromRocks(s, "cannot read key");
  return value;
}

Status StoreCore::Put(rocksdb::ColumnFamilyHandle* cf, const std::string& key,
                      const std::string& value) {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (options.follower) return Status::Failed("a follower cannot write");
  return FromRocks(db_->Put(rocksdb::WriteOptions(), cf, key, value), "cannot write key");
}

Status StoreCore::Delete(rocksdb::ColumnFamilyHandle* cf, const std::string& key) {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (options.follower) return Status::Failed("a follower cannot write");
  return FromRocks(db_->Delete(rocksdb::WriteOptions(), cf, key), "cannot delete key");
}

void StoreCore::AddSubscriber(const std::shared_ptr<Subscription>& sub) {
  std::lock_guard lock(subs_mu_);
  subs_.push_back(sub);
}

void StoreCore::Publish(uint64_t first, uint64_t last, const std::vector<RecordedEvent>& batch) {
  std::vector<std::shared_ptr<Subscription>> live;
  {
    std::lock_guard lock(subs_mu_);
    subs_.erase(std::remove_if(subs_.begin(), subs_.end(), [](auto& w) { return w.expired(); }),
                subs_.end());
    for (auto& weak : subs_) {
      if (auto sub = weak.lock()) live.push_back(std::move(sub));
    }
  }
  for (auto& sub : live) sub->Publish(first, last, batch);
}

}  // namespace sb::es
