// Verify: proves the log whole. Positions are contiguous from 1, every record decodes and
// passes its CRC, every stream's versions are contiguous from 1, and the stream index and the
// event id index each hold exactly one entry per record, pointing at it.
#ifndef SWITCHBOARD_EVENTSTORE_VERIFY_H_
#define SWITCHBOARD_EVENTSTORE_VERIFY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "eventstore/event_store.h"

namespace sb::es {

struct VerifyReport {
  uint64_t events = 0;
  uint64_t streams = 0;
  uint64_t last_position = 0;
  uint64_t snapshots = 0;
  uint64_t fault_count = 0;
  std::vector<std::string> faults;  // the first kMaxListedFaults, each naming what and where

  static constexpr size_t kMaxListedFaults = 50;
  bool ok() const { return fault_count == 0; }
  void AddFault(std::string fault);
};

// Walks the whole store. `progress` (may be empty) is called with the number of records checked
// so far every 100,000 records. An error Status means the walk itself could not be done (I/O);
// faults in the data are in the report.
Result<VerifyReport> Verify(const EventStore& store,
                            const std::function<void(uint64_t)>& progress = {});

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_VERIFY_H_
