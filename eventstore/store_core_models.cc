// StoreCore's key-value side for projections and operators: read-model batches, prefix scans,
// range deletes and online backups.
#include <algorithm>
#include <filesystem>
#include <vector>

#include <rocksdb/sst_file_writer.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include "eventstore/keys.h"
#include "eventstore/store_core.h"

namespace sb::es {
namespace {

// The smallest key greater than every key that starts with `prefix` ("" when there is none).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    if (static_cast<unsigned char>(prefix.back()) != 0xff) {
      prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

bool HasPrefix(std::string_view key, std::string_view prefix) {
  return key.size() >= prefix.size() && key.compare(0, prefix.size(), prefix) == 0;
}

// The batch's model changes in key order, each key once (its last write): a rebuild step puts
// hundreds of thousands of keys, and both the memtable and a table file take a run of
// neighbours far faster.
std::vector<const ReadModelBatch::Write*> SortedWrites(const ReadModelBatch& batch) {
  std::vector<const ReadModelBatch::Write*> sorted;
  sorted.reserve(batch.writes.size());
  for (const auto& write : batch.writes) sorted.push_back(&write);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->key < b->key; });
  // Of a run of equal keys the last is the latest write (the sort is stable).
  size_t kept = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i + 1 < sorted.size() && sorted[i + 1]->key == sorted[i]->key) continue;
    sorted[kept++] = sorted[i];
  }
  sorted.resize(kept);
  return sorted;
}

}  // namespace

rocksdb::ColumnFamilyHandle* StoreCore::ModelFamilyOf(std::string_view key) const {
  const size_t slash = key.find('/');
  if (slash == std::string_view::npos) return read_models;
  auto it = model_families_.find(key.substr(0, slash));
  return it == model_families_.end() ? read_models : it->second;
}

Status StoreCore::CreateModelGeneration(const std::string& generation) {
  if (generation.empty() || generation.find('/') != std::string::npos) {
    return Status::InvalidArgument("bad read-model generation name '" + generation + "'");
  }
  std::unique_lock families(families_mu_);
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (options.follower) return Status::Failed("a follower cannot write");
  if (model_families_.count(generation)) return Status::OK();
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  auto s = db_->CreateColumnFamily(model_options_, kModelFamilyPrefix + generation, &handle);
  if (!s.ok()) return FromRocks(s, "cannot create the family of " + generation);
  model_families_.emplace(generation, handle);
  return Status::OK();
}

Result<std::string> StoreCore::GetModel(const std::string& key) const {
  std::shared_lock families(families_mu_);
  return Get(ModelFamilyOf(key), key);
}

Status StoreCore::ScanModel(
    const std::string& prefix, const std::string& start, bool reverse,
    const std::function<bool(std::string_view, std::string_view)>& visit) const {
  std::shared_lock families(families_mu_);
  return ScanPrefix(ModelFamilyOf(prefix), prefix, start, reverse, visit);
}

Status StoreCore::DeleteModelPrefix(const std::string& prefix) {
  {
    std::unique_lock families(families_mu_);
    auto it = prefix.empty() || prefix.back() != '/'
                  ? model_families_.end()
                  : model_families_.find(std::string_view(prefix).substr(0, prefix.size() - 1));
    if (it != model_families_.end()) {
      // The whole generation: its family goes, files and all, with nothing left to compact.
      std::shared_lock lock(lifetime_mu_);
      if (closed_) return Status::Unavailable("event log is closed");
      if (options.follower) return Status::Failed("a follower cannot write");
      auto s = db_->DropColumnFamily(it->second);
      if (!s.ok()) return FromRocks(s, "cannot drop the family of " + it->first);
      db_->DestroyColumnFamilyHandle(it->second);
      model_families_.erase(it);
      return Status::OK();
    }
  }
  return DeleteRange(read_models, prefix);
}

Status StoreCore::WriteReadModel(const ReadModelBatch& batch) {
  std::shared_lock families(families_mu_);
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (options.follower) return Status::Failed("a follower cannot write");
  return WriteReadModelLocked(batch.key_prefix, SortedWrites(batch), batch.checkpoints);
}

Status StoreCore::WriteReadModelLocked(const std::string& key_prefix,
                                       const std::vector<const ReadModelBatch::Write*>& writes,
                                       const std::map<std::string, uint64_t>& positions) {
  rocksdb::WriteBatch wb;
  rocksdb::ColumnFamilyHandle* const family =
      key_prefix.empty() ? nullptr : ModelFamilyOf(key_prefix);
  std::string key = key_prefix;
  for (const auto* write : writes) {
    key.resize(key_prefix.size());
    key += write->key;
    auto* cf = family ? family : ModelFamilyOf(key);
    auto s = write->value ? wb.Put(cf, key, *write->value) : wb.Delete(cf, key);
    if (!s.ok()) return FromRocks(s, "cannot build a read-model batch");
  }
  for (const auto& [name, position] : positions) {
    auto s = wb.Put(checkpoints, name, EncodeBigEndian64(position));
    if (!s.ok()) return FromRocks(s, "cannot build a read-model batch");
  }
  // Not synced: the model can always be folded again from the durable log, and the WAL keeps
  // the batch atomic, so a crash loses at most a suffix of projection progress, never order.
  rocksdb::WriteOptions wo;
  wo.memtable_insert_hint_per_batch = true;
  return FromRocks(db_->Write(wo, &wb), "cannot write a read-model batch");
}

Status StoreCore::IngestReadModel(const ReadModelBatch& batch) {
  std::shared_lock families(families_mu_);
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (options.follower) return Status::Failed("a follower cannot write");
  if (!batch.writes.empty()) {
    const auto sorted = SortedWrites(batch);
    std::string key = batch.key_prefix;
    rocksdb::ColumnFamilyHandle* const family =
        ModelFamilyOf(batch.key_prefix.empty() ? sorted.front()->key : batch.key_prefix);
    // One table file goes into one family.
    for (size_t i = 0; batch.key_prefix.empty() && i < sorted.size(); ++i) {
      if (ModelFamilyOf(sorted[i]->key) != family) {
        return Status::InvalidArgument("an ingested read-model batch writes one generation");
      }
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(IngestDir(), ec);
    const std::string path =
        (fs::path(IngestDir()) / (std::to_string(next_ingest_file_++) + ".sst")).string();
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db_->GetOptions(family), family);
    rocksdb::Status s = writer.Open(path);
    // In key order the writes, their keys and their values lie anywhere on the heap: each
    // would wait for memory, so the ones a few ahead are asked for first.
    constexpr size_t kWriteAhead = 8, kBytesAhead = 4;
    for (size_t i = 0; i < sorted.size() && s.ok(); ++i) {
      if (i + kWriteAhead < sorted.size()) __builtin_prefetch(sorted[i + kWriteAhead]);
      if (i + kBytesAhead < sorted.size()) {
        const auto* ahead = sorted[i + kBytesAhead];
        __builtin_prefetch(ahead->key.data());
        if (ahead->value) __builtin_prefetch(ahead->value->data());
      }
      const auto* write = sorted[i];
      key.resize(batch.key_prefix.size());
      key += write->key;
      s = write->value ? writer.Put(key, *write->value) : writer.Delete(key);
    }
    if (s.ok()) s = writer.Finish();
    if (s.ok()) {
      rocksdb::IngestExternalFileOptions io;
      io.move_files = true;  // a hard link: the file is already on the database's disk
      s = db_->IngestExternalFile(family, {path}, io);
    }
    fs::remove(path, ec);
    if (!s.ok()) return FromRocks(s, "cannot ingest a read-model batch");
  }
  return WriteReadModelLocked("", {}, batch.checkpoints);
}

Status StoreCore::ScanPrefix(
    rocksdb::ColumnFamilyHandle* cf, const std::string& prefix, const std::string& start,
    bool reverse, const std::function<bool(std::string_view, std::string_view)>& visit) const {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  rocksdb::ReadOptions ro;
  const std::string end = PrefixEnd(prefix);
  rocksdb::Slice lower(prefix), upper(end);
  ro.iterate_lower_bound = &lower;
  if (!end.empty()) ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf));
  if (reverse) {
    if (start.empty()) {
      it->SeekToLast();
    } else {
      it->SeekForPrev(start);
    }
  } else {
    it->Seek(start.empty() ? prefix : start);
  }
  for (; it->Valid(); reverse ? it->Prev() : it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!HasPrefix(key, prefix)) break;
    if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return FromRocks(it->status(), "cannot scan " + prefix);
}

Status StoreCore::DeleteRange(rocksdb::ColumnFamilyHandle* cf, const std::string& prefix) {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  if (options.follower) return Status::Failed("a follower cannot write");
  const std::string end = PrefixEnd(prefix);
  if (end.empty()) return Status::InvalidArgument("cannot delete an unbounded range");
  return FromRocks(db_->DeleteRange(rocksdb::WriteOptions(), cf, prefix, end),
                   "cannot delete " + prefix);
}

Status StoreCore::CreateCheckpoint(const std::string& to_dir) {
  std::shared_lock lock(lifetime_mu_);
  if (closed_) return Status::Unavailable("event log is closed");
  std::error_code ec;
  if (std::filesystem::exists(to_dir, ec)) {
    return Status::InvalidArgument("backup target " + to_dir + " already exists");
  }
  rocksdb::Checkpoint* raw = nullptr;
  auto s = rocksdb::Checkpoint::Create(db_.get(), &raw);
  if (!s.ok()) return FromRocks(s, "cannot start a backup");
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush 0: flush the memtables first, so the copy needs no WAL replay.
  return FromRocks(checkpoint->CreateCheckpoint(to_dir, 0), "cannot write the backup to " + to_dir);
}

}  // namespace sb::es
