#include "http/metrics/metrics_route.h"

#include <utility>

namespace sb::http::metrics {

void AddMetricsRoute(Router& router, std::shared_ptr<const Metrics> metrics) {
  router.Add("GET", kMetricsPath,
             [metrics = std::move(metrics)](Request, PathParams, Responder respond) {
               Response response;
               response.status = 200;
               response.content_type = kContentType;
               response.body = metrics->Scrape();
               respond(std::move(response));
             });
}

}  // namespace sb::http::metrics
