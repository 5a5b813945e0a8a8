// ModelWriter and ModelReader: a projection's view of its own read model, one generation of it,
// under the key prefix "<projection>@<generation>/" of the log's read-model column family.
//
// The writer gathers one step's changes into an es::ReadModelBatch; only counters are read
// back (folders keep the states they fold in memory). Not thread-safe: one per runner step. The
// reader is for queries; any thread.
//
// A runner may still be committing its previous step while the next one folds: the writer
// then calls `before_read` before it reads the stored model (the runner waits for that commit
// there), and counters the runner already knows come from its CounterCache without a read.
#ifndef SWITCHBOARD_PROJECTIONS_MODEL_WRITER_H_
#define SWITCHBOARD_PROJECTIONS_MODEL_WRITER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/result.h"
#include "eventstore/event_store.h"
#include "eventstore/read_model_batch.h"

namespace sb::projections {

class ModelReader {
 public:
  ModelReader(const es::EventStore* store, std::string prefix)
      : store_(store), prefix_(std::move(prefix)) {}

  // The value of `key`, nullopt when there is none.
  Result<std::optional<std::string>> Get(const std::string& key) const;
  // Visits keys under `key_prefix` (model keys, without the generation prefix) from `start`
  // (inclusive; empty: the first or, reversed, the last) until `visit` returns false.
  Status Scan(const std::string& key_prefix, const std::string& start, bool reverse,
              const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
  // A counter kept with ModelWriter::Add (0 when never added to).
  Result<int64_t> Counter(const std::string& key) const;

  const std::string& prefix() const { return prefix_; }

 private:
  const es::EventStore* store_;
  std::string prefix_;
};

// Counters' values as of the runner's last step (committed or being committed), kept across
// steps so that a step reads a counter from the store only the first time it is seen.
using CounterCache = std::unordered_map<std::string, int64_t>;

class ModelWriter {
 public:
  // `known` (may be null) is read by Add and brought up to date by Seal.
  ModelWriter(const es::EventStore* store, std::string prefix, CounterCache* known = nullptr,
              std::function<void()> before_read = {})
      : reader_(store, prefix), known_(known), before_read_(std::move(before_read)) {
    batch_.key_prefix = std::move(prefix);
  }

  // A later write to the same key replaces an earlier one.
  void Put(std::string key, std::string value) { batch_.Put(std::move(key), std::move(value)); }
  void Delete(std::string key) { batch_.Delete(std::move(key)); }
  // Adds `delta` to the counter `key` (stored as decimal text; a counter at 0 is deleted). The
  // step's own additions are seen by the next: pending value first, then the known, then the
  // stored one.
  Status Add(const std::string& key, int64_t delta);

  // The step's writes so far, counters not included.
  size_t pending_writes() const { return batch_.writes.size(); }
  bool counters_changed() const { return !counters_.empty(); }
  // The batch to commit, the counters' new values written into it. Once, after the last write.
  es::ReadModelBatch& Seal();
  // The stored model, once nothing is being committed to it.
  const ModelReader& reader() const {
    if (before_read_) before_read_();
    return reader_;
  }

 private:
  // The counter's value before this step.
  Result<int64_t> Committed(const std::string& key) const;

  ModelReader reader_;
  CounterCache* const known_;
  const std::function<void()> before_read_;
  es::ReadModelBatch batch_;
  std::unordered_map<std::string, int64_t> counters_;  // counter -> its value after this step
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_MODEL_WRITER_H_
