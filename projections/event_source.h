// EventSource: where a projection runner takes its events from, in position order.
//
// A runner following the log reads a subscription of its own (SubscriptionSource); several
// models rebuilt side by side share one scan of the log instead (shared_scan.h), so the log is
// read and decoded once however many models fold it.
#ifndef SWITCHBOARD_PROJECTIONS_EVENT_SOURCE_H_
#define SWITCHBOARD_PROJECTIONS_EVENT_SOURCE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "domain/result.h"
#include "eventstore/event.h"
#include "eventstore/subscription.h"

namespace sb::projections {

class EventSource {
 public:
  virtual ~EventSource() = default;
  // The next events that match the runner's filter (at most `max`); empty when the log has
  // nothing more. Reads what is already in the log (blocking I/O), but never waits for appends.
  virtual Result<std::vector<es::RecordedEvent>> Next(size_t max) = 0;
  // Like Next, but waits up to `timeout` for at least one event.
  virtual Result<std::vector<es::RecordedEvent>> WaitNext(size_t max,
                                                          std::chrono::milliseconds timeout) = 0;
  // The position the next read starts at: every matching event before it has been handed out,
  // so it is the runner's checkpoint (plus one) even when the events in between did not match.
  virtual uint64_t next_position() const = 0;
  // Events the runner has folded, handed back so that the source may decode into them again.
  virtual void Recycle(std::vector<es::RecordedEvent> /*events*/) {}
};

class SubscriptionSource : public EventSource {
 public:
  explicit SubscriptionSource(std::shared_ptr<es::Subscription> subscription)
      : subscription_(std::move(subscription)) {}
  ~SubscriptionSource() override { subscription_->Close(); }

  Result<std::vector<es::RecordedEvent>> Next(size_t max) override {
    return subscription_->Next(max);
  }
  Result<std::vector<es::RecordedEvent>> WaitNext(size_t max,
                                                  std::chrono::milliseconds timeout) override {
    return subscription_->WaitNext(max, timeout);
  }
  uint64_t next_position() const override { return subscription_->next_position(); }

 private:
  std::shared_ptr<es::Subscription> subscription_;
};

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_EVENT_SOURCE_H_
