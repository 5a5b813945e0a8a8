// SharedScan: one read of the log handed to several consumers, each with its own filter.
//
// Rebuilding several models side by side with a subscription each would read every record of
// the log once per model. A shared scan reads it once, on a thread of its own, and hands each
// consumer the events it wants through a bounded queue of chunks: a consumer that folds slowly
// holds up the scan (and so the others) rather than letting chunks pile up in memory.
#ifndef SWITCHBOARD_PROJECTIONS_SHARED_SCAN_H_
#define SWITCHBOARD_PROJECTIONS_SHARED_SCAN_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/stream_filter.h"
#include "projections/event_source.h"

namespace sb::projections {

class SharedScan {
 public:
  // Will read positions up to `until` of `store` (which must outlive the scan).
  SharedScan(const es::EventStore* store, uint64_t until);
  ~SharedScan();  // stops the scan and joins its thread
  SharedScan(const SharedScan&) = delete;
  SharedScan& operator=(const SharedScan&) = delete;

  // Before Start: a consumer of the events after `after` that match `filter`. The source
  // belongs to the scan; each is read by one thread.
  EventSource* AddConsumer(es::StreamFilter filter, uint64_t after);
  void Start();
  // The consumer reads no more (it finished or failed): the scan stops queuing for it, so
  // that the others are not held up by its full queue.
  void Release(EventSource* consumer);

 private:
  class Consumer;
  void Run();
  // Hands `chunk` (events before `next_position`) to consumer `i`, waiting while its queue is
  // full; false once the scan is stopping.
  bool Deliver(size_t i, std::vector<es::RecordedEvent> chunk, uint64_t next_position);
  void Finish(const Status& status);

  const es::EventStore* const store_;
  const uint64_t until_;
  std::vector<std::unique_ptr<Consumer>> consumers_;

  std::mutex mu_;
  std::condition_variable changed_;  // a chunk was queued or taken, or the scan ended
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_SHARED_SCAN_H_
