#include "domain/call_state_binary.h"

#include "domain/binary_fields.h"

namespace sb::domain {
namespace {

// Version 1 of the layout. A change of fields or order is a new version.
constexpr uint8_t kVersion = 1;

// Every member, in CallState::Tie()'s order; `S` is const for writing.
template <class Fields, class S>
void CallStateFields(Fields& f, S& s) {
  f.Bool(s.exists);
  f.Enum(s.status, &ParseCallStatus);
  f.Enum(s.direction, &ParseCallDirection);
  f.Enum(s.channel, &ParseCallChannel);
  f.Enum(s.mode, &ParseCallMode);
  f.String(s.to_phone);
  f.String(s.from_phone);
  f.String(s.phone_type);
  f.String(s.lead_id);
  f.String(s.agent_id);
  f.String(s.agent_name);
  f.String(s.agent_avatar_url);
  f.String(s.contact_name);
  f.String(s.contact_email);
  f.String(s.campaign_id);
  f.String(s.metadata);
  f.String(s.provider_id);
  f.String(s.provider_call_id);
  f.Int(s.dial_attempts);
  f.String(s.queue_id);
  f.Int(s.assigned_at);
  f.String(s.recording);
  f.Int(s.ring_timeout_seconds);
  f.Int(s.deadline);
  f.Int(s.initiated_at);
  f.Int(s.ringing_at);
  f.Int(s.connected_at);
  f.Int(s.ended_at);
  f.String(s.answered_by);
  f.String(s.end_reason);
  f.Enum(s.outcome, &ParseCallOutcome);
  f.String(s.notes);
  f.Int(s.follow_up_at);
  f.Int(s.outcome_at);
}

}  // namespace

std::string EncodeCallStateBinary(const CallState& state) {
  binary::BinaryWriter writer(kVersion);
  CallStateFields(writer, state);
  return std::move(writer).Finish();
}

Result<CallState> DecodeCallStateBinary(std::string_view bytes) {
  binary::BinaryReader reader(bytes, kVersion);
  CallState state;
  CallStateFields(reader, state);
  if (Status s = reader.Finish(); !s.ok()) return Status::Corruption("call state: " + s.message());
  return state;
}

}  // namespace sb::domain
