// The on-disk form of one event record, self-describing enough to audit alone.
//
// Layout (integers little-endian):
//   u8  format (= 1)
//   16  event id
//   u64 position | u64 stream version | i64 timestamp µs
//   7 × (u32 length + bytes): stream, type, tenant, actor, correlation id, causation id, payload
//   u32 CRC32C of every preceding byte
#ifndef SWITCHBOARD_EVENTSTORE_RECORD_CODEC_H_
#define SWITCHBOARD_EVENTSTORE_RECORD_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/status.h"
#include "eventstore/event.h"

namespace sb::es {

// Appends the encoded record to *out.
void EncodeRecord(const RecordedEvent& event, std::string* out);

// Decodes `bytes` into *out after checking the format byte, the lengths and the CRC.
// Returns Corruption naming what is wrong; *out is unspecified then.
Status DecodeRecord(std::string_view bytes, RecordedEvent* out);

// Reads only the stream name (no CRC check): cheap filtering while scanning $all.
bool PeekRecordStream(std::string_view bytes, std::string_view* stream);

// CRC-32C of `bytes`: with the CPU's crc32 instruction where there is one, else Boost.CRC.
uint32_t Crc32c(std::string_view bytes);
uint32_t Crc32cPortable(std::string_view bytes);  // always Boost.CRC (the reference)

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_RECORD_CODEC_H_
