#include "actors/reactions.h"

#include <string>
#include <variant>

#include <caf/all.hpp>

#include "actors/entity_messages.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"

namespace sb::actors {
namespace {

CommandMeta SystemMeta(const std::string& correlation_id) {
  return CommandMeta{"system", correlation_id, ""};
}

template <class D, class Command>
void Tell(const caf::actor& registry, const std::string& tenant, const std::string& id,
          Command command, const std::string& correlation_id) {
  EntityCommand<D> message;
  message.key = EntityKey{tenant, id};
  message.command = typename D::Command{std::move(command)};
  message.meta = SystemMeta(correlation_id);
  caf::anon_send(registry, std::move(message));
}

template <class E, class Events>
bool Contains(const Events& events) {
  for (const auto& e : events) {
    if (std::holds_alternative<E>(e)) return true;
  }
  return false;
}

}  // namespace

void ReleaseAgent(const caf::actor& registry, const std::string& tenant,
                  const std::string& agent_id, const std::string& call_id,
                  int64_t wrap_up_seconds) {
  Tell<domain::AgentDecider>(registry, tenant, agent_id,
                             domain::ReleaseAgentCall{call_id, wrap_up_seconds}, call_id);
}

void ReleaseLine(const caf::actor& registry, const std::string& tenant,
                 const std::string& customer_id, const std::string& call_id) {
  Tell<domain::CustomerDecider>(registry, tenant, customer_id, domain::ReleaseCustomerLine{call_id},
                                call_id);
}

void React(const caf::actor& registry, const EntitySettings& settings, const EntityKey& call,
           const domain::CallState& state, const std::vector<domain::CallEvent>& events) {
  if (!Contains<domain::CallEnded>(events)) return;
  // A queue call's agent gets the queue's wrap-up: the router releases it (router.h).
  if (!state.agent_id.empty() && state.queue_id.empty()) {
    ReleaseAgent(registry, call.tenant, state.agent_id, call.id, settings.wrap_up_seconds);
  }
  if (!state.lead_id.empty()) ReleaseLine(registry, call.tenant, state.lead_id, call.id);
}

void React(const caf::actor& registry, const EntitySettings&, const EntityKey& customer,
           const domain::CustomerState& state, const std::vector<domain::CustomerEvent>& events) {
  if (!Contains<domain::CustomerWentOffline>(events) || !state.LineHeld()) return;
  Tell<domain::CallDecider>(registry, customer.tenant, state.line_call_id,
                            domain::ReportCustomerOffline{}, state.line_call_id);
}

}  // namespace sb::actors
