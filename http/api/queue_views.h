// The API's view of a queue: its config, what waits in it, the open offers, and how many agents
// could take its work (eligible) and are free to now (available).
#ifndef SWITCHBOARD_HTTP_API_QUEUE_VIEWS_H_
#define SWITCHBOARD_HTTP_API_QUEUE_VIEWS_H_

#include <boost/json/object.hpp>

#include "actors/router.h"
#include "domain/time.h"

namespace sb::http::api {

boost::json::object QueueView(const actors::QueueView& queue, domain::Timestamp now);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_QUEUE_VIEWS_H_
