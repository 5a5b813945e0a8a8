#include "actors/click_to_call_saga.h"

#include <memory>
#include <string>
#include <utility>

#include <caf/all.hpp>

#include "actors/ask.h"
#include "actors/entity_key.h"
#include "actors/reactions.h"
#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"
#include "eventstore/event.h"

namespace sb::actors {
namespace {

using domain::AgentDecider;
using domain::CallDecider;
using domain::CustomerDecider;
using domain::Rejection;

// One run of the saga: what it holds so far, so that every exit releases exactly that.
struct Flow {
  caf::event_based_actor* self;
  SagaEnvironment env;
  ClickToCallRequest request;
  std::function<void(ClickToCallResult)> done;
  std::string call_id;
  // Asked for, whether or not the answer arrived: on a failure (a timeout, say) the request
  // may still have been granted, so everything asked for is given back.
  bool line_held = false;
  bool agent_held = false;
  bool call_created = false;

  const std::string& tenant() const { return request.tenant; }
  const std::string& agent_id() const { return request.call.agent_id; }
  const std::string& lead_id() const { return request.call.lead_id; }

  template <class D>
  EntityCommand<D> Command(const std::string& id, std::optional<typename D::Command> command) {
    EntityCommand<D> out;
    out.key = EntityKey{tenant(), id};
    out.command = std::move(command);
    out.meta = request.meta;
    out.meta.correlation_id = call_id;
    return out;
  }

  // Gives back what this run holds; the entities ignore a release of what they do not hold.
  void ReleaseHolds() {
    if (agent_held) ReleaseAgent(env.registry, tenant(), agent_id(), call_id, 0);
    if (line_held) ReleaseLine(env.registry, tenant(), lead_id(), call_id);
    agent_held = line_held = false;
  }

  void Reject(Rejection rejection) {
    ReleaseHolds();
    ClickToCallResult result;
    result.rejection = std::move(rejection);
    result.call_id = call_id;
    done(std::move(result));
  }

  void Fail(Status status) {
    if (call_created) {
      EntityCommand<CallDecider> cancel =
          Command<CallDecider>(call_id, domain::CancelCall{"initiate_failed"});
      caf::anon_send(env.registry, std::move(cancel));
    }
    ReleaseHolds();
    ClickToCallResult result;
    result.status = std::move(status);
    result.call_id = call_id;
    done(std::move(result));
  }

  void Succeed(const EntityReply<CallDecider>& call) {
    ClickToCallResult result;
    result.call_id = call_id;
    result.call = call.state;
    result.last_position = call.last_position;
    done(std::move(result));
  }
};

using FlowPtr = std::shared_ptr<Flow>;

// The command the call stream will get, with everything the saga decides filled in.
domain::InitiateCall CallCommand(const Flow& f, domain::CallChannel channel) {
  domain::InitiateCall c = f.request.call;
  c.direction = domain::CallDirection::kOutbound;
  c.channel = channel;
  const bool mock = channel == domain::CallChannel::kPstn && !f.request.pstn_live;
  c.mode = mock ? domain::CallMode::kMock : domain::CallMode::kLive;
  if (c.from_phone.empty()) c.from_phone = f.env.settings.from_phone;
  c.ring_timeout_seconds = f.env.settings.ring_timeout_seconds;
  return c;
}

void RingInApp(const FlowPtr& f, EntityReply<CallDecider> initiated) {
  AskFrom<CallDecider>(f->self, f->env.registry, *f->env.timers,
                       f->Command<CallDecider>(f->call_id, domain::RingCall{}),
                       [f, initiated](Result<EntityReply<CallDecider>> rung) {
                         // The call exists either way; a failed RingCall leaves it INITIATED with
                         // its deadline.
                         f->Succeed(rung.ok() && rung.value().ok() ? rung.value() : initiated);
                       });
}

void CreateCall(const FlowPtr& f, domain::CallChannel channel) {
  f->call_created = true;
  auto create = f->Command<CallDecider>(f->call_id, CallCommand(*f, channel));
  create.new_stream = true;  // this saga made the id up
  AskFrom<CallDecider>(f->self, f->env.registry, *f->env.timers, std::move(create),
                       [f, channel](Result<EntityReply<CallDecider>> reply) {
                         if (!reply.ok()) return f->Fail(reply.status());
                         if (!reply.value().status.ok()) return f->Fail(reply.value().status);
                         if (reply.value().rejection) return f->Reject(*reply.value().rejection);
                         // From here the call owns the holds: its end releases them (reactions.h).
                         f->agent_held = f->line_held = f->call_created = false;
                         if (channel == domain::CallChannel::kInApp)
                           return RingInApp(f, std::move(reply).value());
                         f->Succeed(reply.value());
                       });
}

void ReserveAgent(const FlowPtr& f, domain::CallChannel channel) {
  f->agent_held = true;
  AskFrom<AgentDecider>(
      f->self, f->env.registry, *f->env.timers,
      f->Command<AgentDecider>(f->agent_id(), domain::ReserveAgentForCall{f->call_id}),
      [f, channel](Result<EntityReply<AgentDecider>> reply) {
        if (!reply.ok()) return f->Fail(reply.status());
        if (!reply.value().status.ok()) return f->Fail(reply.value().status);
        if (reply.value().rejection) {
          f->agent_held = false;
          return f->Reject(*reply.value().rejection);
        }
        CreateCall(f, channel);
      });
}

void RequestLine(const FlowPtr& f) {
  if (f->lead_id().empty()) return ReserveAgent(f, domain::CallChannel::kPstn);
  f->line_held = true;
  AskFrom<CustomerDecider>(
      f->self, f->env.registry, *f->env.timers,
      f->Command<CustomerDecider>(f->lead_id(),
                                  domain::RequestCustomerLine{f->call_id, f->agent_id()}),
      [f](Result<EntityReply<CustomerDecider>> reply) {
        if (!reply.ok()) return f->Fail(reply.status());
        if (!reply.value().status.ok()) return f->Fail(reply.value().status);
        if (reply.value().rejection) {
          f->line_held = false;
          return f->Reject(*reply.value().rejection);
        }
        ReserveAgent(f, domain::IsLive(reply.value().state) ? domain::CallChannel::kInApp
                                                            : domain::CallChannel::kPstn);
      });
}

// A dry run of the reservation against the agent's current state: a busy or unavailable
// agent is refused before the customer's line is touched.
void CheckAgent(const FlowPtr& f) {
  AskFrom<AgentDecider>(f->self, f->env.registry, *f->env.timers,
                        f->Command<AgentDecider>(f->agent_id(), std::nullopt),
                        [f](Result<EntityReply<AgentDecider>> reply) {
                          if (!reply.ok()) return f->Fail(reply.status());
                          if (!reply.value().status.ok()) return f->Fail(reply.value().status);
                          auto dry = AgentDecider::Decide(reply.value().state,
                                                          domain::ReserveAgentForCall{f->call_id},
                                                          f->env.clock());
                          if (domain::IsRejected(dry)) return f->Reject(domain::RejectionOf(dry));
                          // The card the customer console shows with the call request.
                          f->request.call.agent_name = reply.value().state.profile.name;
                          f->request.call.agent_avatar_url = reply.value().state.profile.avatar_url;
                          RequestLine(f);
                        });
}

std::optional<Rejection> ValidateRequest(const Flow& f) {
  if (!f.agent_id().empty()) {
    if (auto s = ValidateId(f.agent_id(), "agent_id"); !s.ok()) {
      return Rejection::Invalid("invalid_id", s.message(), "agent_id");
    }
  }
  if (!f.lead_id().empty()) {
    if (auto s = ValidateId(f.lead_id(), "lead_id"); !s.ok()) {
      return Rejection::Invalid("invalid_id", s.message(), "lead_id");
    }
  }
  // The call's own rules, on an empty call: nothing is written for a request they refuse.
  auto dry = CallDecider::Decide(domain::CallState{}, CallCommand(f, domain::CallChannel::kPstn),
                                 f.env.clock());
  if (domain::IsRejected(dry)) return domain::RejectionOf(dry);
  return std::nullopt;
}

}  // namespace

void RunClickToCall(caf::event_based_actor* self, const SagaEnvironment& env,
                    ClickToCallRequest request, std::function<void(ClickToCallResult)> done) {
  auto f = std::make_shared<Flow>(
      Flow{self, env, std::move(request), std::move(done), es::ToString(es::NewEventId())});
  if (auto rejection = ValidateRequest(*f)) return f->Reject(std::move(*rejection));
  CheckAgent(f);
}

}  // namespace sb::actors
