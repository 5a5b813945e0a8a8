// LiveCollector: the families whose values are read at scrape time rather than pushed by a
// hook: the log's position and health, the entity actors' counters, open WebSocket
// connections, and the MetricsSources. Internal to http/metrics (it includes prometheus-cpp).
//
// Collect() lists every family on every call, with samples only for what is attached or
// supplied. It holds its lock while the sources run, so that once Attach or SetSources has
// returned no call is still reading what was there before.
#ifndef SWITCHBOARD_HTTP_METRICS_LIVE_COLLECTOR_H_
#define SWITCHBOARD_HTTP_METRICS_LIVE_COLLECTOR_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include "http/metrics/metrics_sources.h"

namespace sb::es {
class EventStore;
}
namespace sb::actors {
struct EntityCounters;
}

namespace sb::http::metrics {

class LiveCollector : public prometheus::Collectable {
 public:
  explicit LiveCollector(std::shared_ptr<const std::atomic<int64_t>> websockets);

  void Attach(const es::EventStore* store, const actors::EntityCounters* counters);
  void SetSources(MetricsSources sources);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  struct SourceErrors {
    uint64_t calls = 0, agents = 0, lag = 0, position = 0;
  };

  std::shared_ptr<const std::atomic<int64_t>> websockets_;
  mutable std::mutex mu_;  // guards everything below
  const es::EventStore* store_ = nullptr;
  const actors::EntityCounters* counters_ = nullptr;
  MetricsSources sources_;
  mutable SourceErrors errors_;
};

}  // namespace sb::http::metrics

#endif  // SWITCHBOARD_HTTP_METRICS_LIVE_COLLECTOR_H_
