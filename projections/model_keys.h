// Helpers for read-model keys: fixed-width hex so that RocksDB's bytewise order is numeric
// order, and reversed instants so that a forward scan is newest first.
#ifndef SWITCHBOARD_PROJECTIONS_MODEL_KEYS_H_
#define SWITCHBOARD_PROJECTIONS_MODEL_KEYS_H_

#include <cstdint>
#include <string>

#include "domain/time.h"

namespace sb::projections {

std::string Hex16(uint64_t value);
// Newest first: a larger instant gives a smaller key.
std::string NewestFirst(domain::Timestamp at);
// The UTC calendar day of `at`, "YYYY-MM-DD".
std::string UtcDay(domain::Timestamp at);

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_MODEL_KEYS_H_
