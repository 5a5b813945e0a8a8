// ReadModelBatch: what a projection writes for one step — changes to its read model and its new
// checkpoint — applied by EventStore::WriteReadModel as one atomic RocksDB WriteBatch, so that
// after a crash a model and its checkpoint always agree (no event applied twice or skipped).
#ifndef SWITCHBOARD_EVENTSTORE_READ_MODEL_BATCH_H_
#define SWITCHBOARD_EVENTSTORE_READ_MODEL_BATCH_H_

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace sb::es {

struct ReadModelBatch {
  struct Write {
    std::string key;                   // after key_prefix
    std::optional<std::string> value;  // nullopt: delete the key
  };
  // Prepended to every key of `writes` (a model generation's "<name>@<generation>/").
  std::string key_prefix;
  // In the order they were made; when a key is written more than once, the last write wins.
  // A list rather than a map: a rebuild step makes hundreds of thousands of writes, almost all
  // to different keys, and the store sorts them once anyway. A deque, so that growing it never
  // moves the writes already made.
  std::deque<Write> writes;
  // Checkpoint name -> position, written in the same batch.
  std::map<std::string, uint64_t> checkpoints;

  void Put(std::string key, std::string value) {
    writes.push_back(Write{std::move(key), std::move(value)});
  }
  void Delete(std::string key) { writes.push_back(Write{std::move(key), std::nullopt}); }
  bool empty() const { return writes.empty() && checkpoints.empty(); }
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_READ_MODEL_BATCH_H_
