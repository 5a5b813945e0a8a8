// ModelWriter and ModelReader: a projection's view of its own read model, one generation of it,
// under the key prefix "<projection>@<generation>/" of the log's read-model column family.
//
// The writer gathers one step's changes into an es::ReadModelBatch and reads its own pending
// writes back, so that folding many events before one commit sees each intermediate state.
// Not thread-safe: one per runner step. The reader is for queries; any thread.
#ifndef SWITCHBOARD_PROJECTIONS_MODEL_WRITER_H_
#define SWITCHBOARD_PROJECTIONS_MODEL_WRITER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

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

class ModelWriter {
 public:
  ModelWriter(const es::EventStore* store, std::string prefix)
      : reader_(store, std::move(prefix)) {}

  // Pending writes first, then the stored model.
  Result<std::optional<std::string>> Get(const std::string& key) const;
  void Put(const std::string& key, std::string value);
  void Delete(const std::string& key);
  // Adds `delta` to the counter `key` (stored as decimal text).
  Status Add(const std::string& key, int64_t delta);

  // The batch to commit (keys carry the generation prefix).
  es::ReadModelBatch& batch() { return batch_; }
  const ModelReader& reader() const { return reader_; }

 private:
  ModelReader reader_;
  es::ReadModelBatch batch_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_MODEL_WRITER_H_
