#include "http/api/queue_intake.h"

#include <utility>

#include "domain/routing/queue_decider.h"

namespace sb::http::api {
namespace {

using domain::QueueDecider;
using Done = std::function<void(Status, std::optional<domain::Rejection>)>;

actors::EntityCommand<QueueDecider> Command(const std::string& tenant, const std::string& queue_id,
                                            domain::QueueCommand command,
                                            const actors::CommandMeta& meta) {
  actors::EntityCommand<QueueDecider> c;
  c.key = actors::EntityKey{tenant, queue_id};
  c.command = std::move(command);
  c.meta = meta;
  c.reply_with_state = false;  // only the outcome is read
  return c;
}

void Enqueue(std::shared_ptr<const ApiContext> context, const std::string& tenant,
             const std::string& queue_id, domain::EnqueueTask task, actors::CommandMeta meta,
             Done done, bool may_create) {
  context->runtime->Ask<QueueDecider>(
      Command(tenant, queue_id, task, meta), [=](Result<actors::EntityReply<QueueDecider>> reply) {
        if (!reply.ok()) return done(reply.status(), std::nullopt);
        if (!reply.value().status.ok()) return done(reply.value().status, std::nullopt);
        const auto& rejection = reply.value().rejection;
        if (!rejection || rejection->code != "queue_not_found" || !may_create) {
          return done(Status::OK(), rejection);
        }
        domain::ConfigureQueue configure;
        configure.config.name = queue_id == kDefaultQueueId ? "Default" : queue_id;
        context->runtime->Ask<QueueDecider>(Command(tenant, queue_id, std::move(configure), meta),
                                            [=](Result<actors::EntityReply<QueueDecider>>) {
                                              // Whoever created it, the queue exists now (or the
                                              // retry says why not).
                                              Enqueue(context, tenant, queue_id, task, meta, done,
                                                      false);
                                            });
      });
}

}  // namespace

void EnqueueCreatingQueue(std::shared_ptr<const ApiContext> context, const std::string& tenant,
                          const std::string& queue_id, domain::EnqueueTask task,
                          actors::CommandMeta meta, Done done) {
  Enqueue(std::move(context), tenant, queue_id, std::move(task), std::move(meta), std::move(done),
          true);
}

}  // namespace sb::http::api
