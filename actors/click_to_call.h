// The click-to-call saga (seed 000 / seed 001 `initiate`): an agent clicks Call on a lead.
//
//   1. validate the request as the call would (nothing is written for a bad request);
//   2. ask the agent whether it could take the call (a dry run of its decider, so a busy
//      agent does not even touch the customer's line);
//   3. ask the customer actor for the line: it is the single arbiter, so of N agents clicking
//      at once exactly one proceeds and the others get customer_busy naming the holder. The
//      customer's state at that instant decides the channel: online and consented -> IN_APP
//      (the console is asked), otherwise PSTN (a "to-rescue" lead);
//   4. reserve the agent (authoritative; on refusal the line is released);
//   5. create the call with its ring/accept deadline; an IN_APP call is then RINGING, since
//      the console is alerted by the call-request frame. A PSTN call is live when the caller
//      has a provider to dial it (http/api/call_dialing.h does, after this saga), otherwise
//      `mode: mock`, driven through its states by the status API.
//
// Every step is an event in the stream that owns it; a crash between steps leaves a hold
// that the startup reconciliation releases (see startup_scan.h).
#ifndef SWITCHBOARD_ACTORS_CLICK_TO_CALL_H_
#define SWITCHBOARD_ACTORS_CLICK_TO_CALL_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "actors/entity_messages.h"
#include "domain/call_commands.h"
#include "domain/call_state.h"
#include "domain/rejection.h"

namespace sb::actors {

struct ClickToCallSettings {
  int64_t ring_timeout_seconds = domain::kDefaultRingTimeoutSeconds;
  std::string from_phone;  // our caller id on PSTN calls (provider configuration)
};

struct ClickToCallRequest {
  std::string tenant;
  // As the client sent it: to_phone, phone_type, lead_id, agent_id, contact_*, campaign_id,
  // metadata. Channel, mode, from_phone and the ring timeout are the saga's to decide.
  domain::InitiateCall call;
  CommandMeta meta;
  // A provider will dial a PSTN call (the caller found one): the call is live, not a mock.
  // call.provider_id / call.from_phone then name the provider asked for and its number.
  bool pstn_live = false;
};

struct ClickToCallResult {
  Status status;  // not ok: the log or an actor failed (503); holds were released
  std::optional<domain::Rejection> rejection;
  std::string call_id;
  domain::CallState call;
  uint64_t last_position = 0;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_CLICK_TO_CALL_H_
