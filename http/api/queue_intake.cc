#include "http/api/queue_intake.h"

#include <random>
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

// Lets the queue offer the task in the decision that enqueues it (when it is then the head of
// the queue): one durable write, instead of the router's offer after the enqueue's.
void RouteOnArrival(const ApiContext& context, const std::string& tenant,
                    const std::string& queue_id, domain::EnqueueTask* task) {
  if (context.router == nullptr || task->offer) return;
  domain::QueueTask probe;
  probe.task_id = task->task_id;
  probe.kind = task->kind;
  probe.priority = task->priority;
  probe.required_skills = task->required_skills;
  auto candidates = context.router->ShortlistFor(tenant, queue_id, probe);
  if (!candidates || candidates->empty()) return;
  thread_local std::mt19937_64 random{std::random_device{}()};
  task->offer =
      domain::OfferTask{actors::Router::NewOfferId(queue_id), "", std::move(*candidates), random()};
}

void Enqueue(std::shared_ptr<const ApiContext> context, const std::string& tenant,
             const std::string& queue_id, domain::EnqueueTask task, actors::CommandMeta meta,
             Done done, bool may_create) {
  // The shortlist goes with the command only: the callback, which the actor layer copies, stays
  // small, and a retry routes afresh.
  domain::EnqueueTask unrouted = task;
  unrouted.offer.reset();
  RouteOnArrival(*context, tenant, queue_id, &task);
  context->runtime->Ask<QueueDecider>(
      Command(tenant, queue_id, std::move(task), meta),
      [=, task = std::move(unrouted)](Result<actors::EntityReply<QueueDecider>> reply) {
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
