// Key layouts of the store's column families. Integers in keys are big-endian so that
// RocksDB's bytewise order is numeric order.
#ifndef SWITCHBOARD_EVENTSTORE_KEYS_H_
#define SWITCHBOARD_EVENTSTORE_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "eventstore/event.h"

namespace sb::es {

// Column families. "default" holds only the format marker.
inline constexpr const char* kEventsCf = "events";             // position -> record
inline constexpr const char* kStreamIndexCf = "stream_index";  // stream \0 version -> position
inline constexpr const char* kEventIdsCf = "event_ids";        // event id -> position
inline constexpr const char* kSnapshotsCf = "snapshots";       // stream -> version + state
inline constexpr const char* kCheckpointsCf = "checkpoints";   // projection -> position
inline constexpr const char* kIdempotencyCf = "idempotency";   // key -> stored response
inline constexpr const char* kReadModelsCf = "read_models";    // projection key -> model value
// A read-model generation with a family of its own: "model/<generation>" holds the keys under
// "<generation>/" (see EventStore::CreateReadModelGeneration).
inline constexpr const char* kModelFamilyPrefix = "model/";

inline constexpr const char* kFormatKey = "switchboard.format";
inline constexpr const char* kFormatValue = "eventlog-v1";

std::string EncodeBigEndian64(uint64_t v);
uint64_t DecodeBigEndian64(std::string_view bytes);  // requires 8 bytes

std::string PositionKey(uint64_t position);

// Stream names never contain '\0', so "<stream>\0" is a prefix that no other stream shares.
std::string StreamIndexPrefix(std::string_view stream);
std::string StreamIndexKey(std::string_view stream, uint64_t version);
// Splits a stream index key; false if it is not one.
bool ParseStreamIndexKey(std::string_view key, std::string_view* stream, uint64_t* version);

std::string EventIdKey(const EventId& id);

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_KEYS_H_
