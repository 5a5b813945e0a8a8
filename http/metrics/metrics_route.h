// AddMetricsRoute: `GET /metrics`, the Prometheus scrape endpoint. Unauthenticated (it carries
// counts, never tenant data); answers Metrics::Scrape() as kContentType. Scraping reads memory
// only, so the handler answers inline on the I/O thread.
#ifndef SWITCHBOARD_HTTP_METRICS_METRICS_ROUTE_H_
#define SWITCHBOARD_HTTP_METRICS_METRICS_ROUTE_H_

#include <memory>

#include "http/metrics/metrics.h"
#include "http/router.h"

namespace sb::http::metrics {

inline constexpr char kMetricsPath[] = "/metrics";

void AddMetricsRoute(Router& router, std::shared_ptr<const Metrics> metrics);

}  // namespace sb::http::metrics

#endif  // SWITCHBOARD_HTTP_METRICS_METRICS_ROUTE_H_
