// ReadModelBatch: what a projection writes for one step — changes to its read model and its new
// checkpoint — applied by EventStore::WriteReadModel as one atomic RocksDB WriteBatch, so that
// after a crash a model and its checkpoint always agree (no event applied twice or skipped).
#ifndef SWITCHBOARD_EVENTSTORE_READ_MODEL_BATCH_H_
#define SWITCHBOARD_EVENTSTORE_READ_MODEL_BATCH_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace sb::es {

struct ReadModelBatch {
  // Key -> new value, or nullopt to delete it. A map, so that the last write to a key wins and
  // a projection can read its own pending writes back (see projections/model_writer.h);
  // unordered, since a rebuild step puts hundreds of thousands of keys sharing long prefixes.
  using Writes = std::unordered_map<std::string, std::optional<std::string>>;
  Writes writes;
  // Checkpoint name -> position, written in the same batch.
  std::map<std::string, uint64_t> checkpoints;

  bool empty() const { return writes.empty() && checkpoints.empty(); }
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_READ_MODEL_BATCH_H_
