// Putting work into a queue from the edge (webhooks, support requests, hand-made calls): the
// queue is created with default settings on first use, so a tenant's first caller is never
// lost to configuration.
#ifndef SWITCHBOARD_HTTP_API_QUEUE_INTAKE_H_
#define SWITCHBOARD_HTTP_API_QUEUE_INTAKE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "actors/entity_messages.h"
#include "domain/rejection.h"
#include "domain/routing/queue_commands.h"
#include "http/api/api_context.h"

namespace sb::http::api {

inline constexpr char kDefaultQueueId[] = "default";

// `done(status, rejection)`: status not ok when the log or the queue failed; a rejection of
// the task itself otherwise (a task already waiting is a no-op, not a rejection).
void EnqueueCreatingQueue(std::shared_ptr<const ApiContext> context, const std::string& tenant,
                          const std::string& queue_id, domain::EnqueueTask task,
                          actors::CommandMeta meta,
                          std::function<void(Status, std::optional<domain::Rejection>)> done);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_QUEUE_INTAKE_H_
