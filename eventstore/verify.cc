#include "eventstore/verify.h"

#include <cstring>
#include <memory>

#include "eventstore/keys.h"
#include "eventstore/record_codec.h"
#include "eventstore/store_core.h"

namespace sb::es {
namespace {

constexpr uint64_t kProgressEvery = 100000;

std::string At(uint64_t position) { return " at position " + std::to_string(position); }

// Pass 1: the records themselves.
Status CheckRecords(const StoreCore& core, VerifyReport* report,
                    const std::function<void(uint64_t)>& progress) {
  std::unique_ptr<rocksdb::Iterator> it(
      core.db()->NewIterator(rocksdb::ReadOptions(), core.events));
  uint64_t expected = 1;
  RecordedEvent e;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) {
      report->AddFault("malformed event key of " + std::to_string(it->key().size()) + " bytes");
      continue;
    }
    const uint64_t pos = DecodeBigEndian64({it->key().data(), 8});
    if (pos != expected) {
      report->AddFault("gap: positions " + std::to_string(expected) + ".." +
                       std::to_string(pos - 1) + " are missing");
    }
    expected = pos + 1;
    report->last_position = pos;
    ++report->events;
    Status s = DecodeRecord({it->value().data(), it->value().size()}, &e);
    if (!s.ok()) {
      report->AddFault(s.message() + At(pos));
    } else if (e.position != pos) {
      report->AddFault("record says position " + std::to_string(e.position) + At(pos));
    }
    if (progress && report->events % kProgressEvery == 0) progress(report->events);
  }
  return FromRocks(it->status(), "cannot scan the events");
}

// Reads the record an index entry points at; false (and a fault) when it cannot.
bool LoadIndexed(const StoreCore& core, const rocksdb::Slice& value, const std::string& entry,
                 VerifyReport* report, uint64_t* pos, RecordedEvent* e) {
  if (value.size() != 8) {
    report->AddFault(entry + " has a malformed value");
    return false;
  }
  *pos = DecodeBigEndian64({value.data(), 8});
  auto r = core.ReadAt(*pos);
  if (!r.ok()) {
    report->AddFault(entry + " points at position " + std::to_string(*pos) + ": " +
                     r.status().message());
    return false;
  }
  *e = std::move(*r);
  return true;
}

// Pass 2: the stream index, one entry per record, versions contiguous from 1 in each stream.
Status CheckStreamIndex(const StoreCore& core, VerifyReport* report) {
  std::vector<bool> seen(report->last_position + 1, false);
  std::unique_ptr<rocksdb::Iterator> it(
      core.db()->NewIterator(rocksdb::ReadOptions(), core.stream_index));
  std::string current;
  uint64_t expected_version = 1;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view stream;
    uint64_t version = 0;
    if (!ParseStreamIndexKey({it->key().data(), it->key().size()}, &stream, &version)) {
      report->AddFault("malformed stream index key");
      continue;
    }
    if (stream != current) {
      current.assign(stream);
      expected_version = 1;
      ++report->streams;
    }
    const std::string entry = "stream " + current + " version " + std::to_string(version);
    if (version != expected_version) {
      report->AddFault("stream " + current + " jumps from version " +
                       std::to_string(expected_version - 1) + " to " + std::to_string(version));
    }
    expected_version = version + 1;
    uint64_t pos = 0;
    RecordedEvent e;
    if (!LoadIndexed(core, it->value(), entry, report, &pos, &e)) continue;
    if (e.stream != current || e.version != version) {
      report->AddFault(entry + " points at " + e.stream + " version " + std::to_string(e.version) +
                       At(pos));
    } else if (seen[pos]) {
      report->AddFault(entry + " points at a record indexed twice" + At(pos));
    }
    if (pos < seen.size()) seen[pos] = true;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot scan the stream index");
  for (uint64_t p = 1; p < seen.size(); ++p) {
    if (!seen[p]) report->AddFault("no stream index entry for the record" + At(p));
  }
  return Status::OK();
}

// Pass 3: the event id index, one entry per record, keyed by the record's id.
Status CheckEventIds(const StoreCore& core, VerifyReport* report) {
  std::vector<bool> seen(report->last_position + 1, false);
  std::unique_ptr<rocksdb::Iterator> it(
      core.db()->NewIterator(rocksdb::ReadOptions(), core.event_ids));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 16) {
      report->AddFault("malformed event id index key");
      continue;
    }
    EventId id;
    std::memcpy(id.data, it->key().data(), 16);
    const std::string entry = "event id " + ToString(id);
    uint64_t pos = 0;
    RecordedEvent e;
    if (!LoadIndexed(core, it->value(), entry, report, &pos, &e)) continue;
    if (e.id != id) report->AddFault(entry + " points at event " + ToString(e.id) + At(pos));
    if (pos < seen.size()) seen[pos] = true;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "cannot scan the event id index");
  for (uint64_t p = 1; p < seen.size(); ++p) {
    if (!seen[p]) report->AddFault("no event id index entry for the record" + At(p));
  }
  return Status::OK();
}

// Pass 4: no snapshot claims a version its stream never reached.
Status CheckSnapshots(const StoreCore& core, VerifyReport* report) {
  std::unique_ptr<rocksdb::Iterator> it(
      core.db()->NewIterator(rocksdb::ReadOptions(), core.snapshots));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++report->snapshots;
    const std::string stream = it->key().ToString();
    if (it->value().size() < 8) {
      report->AddFault("malformed snapshot of " + stream);
      continue;
    }
    const uint64_t version = DecodeBigEndian64({it->value().data(), 8});
    auto current = core.StreamVersion(stream);
    if (!current.ok()) return current.status();
    if (version > *current) {
      report->AddFault("snapshot of " + stream + " is at version " + std::to_string(version) +
                       " but the stream ends at " + std::to_string(*current));
    }
  }
  return FromRocks(it->status(), "cannot scan the snapshots");
}

}  // namespace

void VerifyReport::AddFault(std::string fault) {
  ++fault_count;
  if (faults.size() < kMaxListedFaults) faults.push_back(std::move(fault));
}

Result<VerifyReport> Verify(const EventStore& store,
                            const std::function<void(uint64_t)>& progress) {
  const StoreCore& core = store.core();
  VerifyReport report;
  if (Status s = CheckRecords(core, &report, progress); !s.ok()) return s;
  for (auto* pass : {&CheckStreamIndex, &CheckEventIds, &CheckSnapshots}) {
    if (Status s = pass(core, &report); !s.ok()) return s;
  }
  return report;
}

}  // namespace sb::es
