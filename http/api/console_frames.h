// ConsoleFrames: which WebSocket frames a logged event becomes for one caller.
//
// A frame is {"position": P, "type": T, "data": {...}} where P is the event's log position, so
// a console that reconnects with ?since=P misses nothing. Entitlements:
//   agent     its calls: call-assigned, call-status-updated, call-outcome-recorded; its own
//             agent-status-changed; customer-presence-changed of any lead (live/to-rescue)
//   customer  its profile: profile-viewed / profile-closed (with the counter and agent card);
//             its calls: call-request (IN_APP, with the agent card), call-status-updated
//   staff     everything of the tenant: new-call, call-status-updated, call-outcome-recorded,
//             agent-status-changed, customer-presence-changed, profile-viewed, profile-closed
#ifndef SWITCHBOARD_HTTP_API_CONSOLE_FRAMES_H_
#define SWITCHBOARD_HTTP_API_CONSOLE_FRAMES_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/call_attributes.h"
#include "eventstore/event.h"
#include "http/auth.h"

namespace sb::http::api {

// Who a call concerns, as its CallInitiated (and, for inbound calls, CallAgentAssigned) say.
struct CallParties {
  std::string agent_id;
  std::string lead_id;
  domain::CallChannel channel = domain::CallChannel::kPstn;
};

// Finds the parties of a call stream whose CallInitiated the caller did not see (a feed
// resumed after it). May block (it reads the log).
using PartiesLookup = std::function<std::optional<CallParties>(const std::string& call_stream)>;

// The frames (serialized JSON) `caller` receives for `event`; usually none or one.
std::vector<std::string> FramesFor(const Principal& caller, const es::RecordedEvent& event,
                                   const PartiesLookup& lookup);

// Whom FramesFor may give frames of `event` to, besides the tenant's staff (who may get frames of
// any event): the agents and the customers it names, or every agent of the tenant. A superset:
// FramesFor still decides. Lets a feed shared by many consoles frame an event once for each of
// the few who may see it, instead of once for every console.
struct Audience {
  bool every_agent = false;
  std::vector<std::string> agents;
  std::vector<std::string> customers;
};
Audience AudienceOf(const es::RecordedEvent& event, const PartiesLookup& lookup);

// The parties named by a CallInitiated event.
std::optional<CallParties> PartiesOf(const es::RecordedEvent& call_initiated);
// An inbound call's agent comes later, with CallAgentAssigned: applies it if `event` is one.
void ApplyAssignment(const es::RecordedEvent& event, CallParties* parties);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_CONSOLE_FRAMES_H_
