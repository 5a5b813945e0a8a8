// JSON of call events and state (conventions in json_fields.h). The state document is the
// seed-001 call session minus the ids, which the HTTP layer adds from the stream.
#include <utility>

#include "domain/call_decider.h"
#include "domain/json_fields.h"
#include "domain/json_object_writer.h"

namespace sb::domain {

using json::Presence;

// Read/Write overloads are found by argument-dependent lookup from json_fields.h, hence
// namespace sb::domain rather than an unnamed namespace.

void Write(const CallInitiated& e, boost::json::object* o) {
  (*o)["direction"] = ToString(e.direction);
  (*o)["channel"] = ToString(e.channel);
  (*o)["mode"] = ToString(e.mode);
  (*o)["to_phone"] = e.to_phone;
  (*o)["from_phone"] = e.from_phone;
  (*o)["phone_type"] = e.phone_type;
  (*o)["lead_id"] = e.lead_id;
  (*o)["agent_id"] = e.agent_id;
  (*o)["agent_name"] = e.agent_name;
  (*o)["agent_avatar_url"] = e.agent_avatar_url;
  (*o)["contact_name"] = e.contact_name;
  (*o)["contact_email"] = e.contact_email;
  (*o)["campaign_id"] = e.campaign_id;
  (*o)["metadata"] = json::ObjectFromText(e.metadata);
  (*o)["provider_id"] = e.provider_id;
  (*o)["provider_call_id"] = e.provider_call_id;
  (*o)["queue_id"] = e.queue_id;
  (*o)["recording"] = e.recording;
  (*o)["ring_timeout_seconds"] = e.ring_timeout_seconds;
  json::PutTime(*o, "deadline", e.deadline);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallInitiated* e) {
  r.Enum("direction", &e->direction, &ParseCallDirection);
  r.Enum("channel", &e->channel, &ParseCallChannel);
  r.Enum("mode", &e->mode, &ParseCallMode);
  r.String("to_phone", &e->to_phone);
  r.String("from_phone", &e->from_phone, Presence::kOptional);
  r.String("phone_type", &e->phone_type, Presence::kOptional);
  r.String("lead_id", &e->lead_id, Presence::kOptional);
  r.String("agent_id", &e->agent_id, Presence::kOptional);
  r.String("agent_name", &e->agent_name, Presence::kOptional);
  r.String("agent_avatar_url", &e->agent_avatar_url, Presence::kOptional);
  r.String("contact_name", &e->contact_name, Presence::kOptional);
  r.String("contact_email", &e->contact_email, Presence::kOptional);
  r.String("campaign_id", &e->campaign_id, Presence::kOptional);
  r.ObjectText("metadata", &e->metadata, Presence::kOptional);
  r.String("provider_id", &e->provider_id, Presence::kOptional);
  r.String("provider_call_id", &e->provider_call_id, Presence::kOptional);
  r.String("queue_id", &e->queue_id, Presence::kOptional);
  r.String("recording", &e->recording, Presence::kOptional);
  r.Int("ring_timeout_seconds", &e->ring_timeout_seconds);
  r.Time("deadline", &e->deadline);
  r.Time("at", &e->at);
}

void Write(const CallDialAttempted& e, boost::json::object* o) {
  const DialAttempt& a = e.attempt;
  (*o)["number"] = a.number;
  (*o)["provider_id"] = a.provider_id;
  (*o)["provider_name"] = a.provider_name;
  (*o)["provider_type"] = a.provider_type;
  (*o)["outcome"] = a.outcome;
  (*o)["retryable"] = a.retryable;
  (*o)["http_status"] = a.http_status;
  (*o)["latency_ms"] = a.latency_ms;
  (*o)["error"] = a.error;
  (*o)["provider_call_id"] = a.provider_call_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallDialAttempted* e) {
  DialAttempt& a = e->attempt;
  r.Int("number", &a.number);
  r.String("provider_id", &a.provider_id);
  r.String("provider_name", &a.provider_name, Presence::kOptional);
  r.String("provider_type", &a.provider_type, Presence::kOptional);
  r.String("outcome", &a.outcome);
  r.Bool("retryable", &a.retryable, Presence::kOptional);
  r.Int("http_status", &a.http_status, Presence::kOptional);
  r.Int("latency_ms", &a.latency_ms, Presence::kOptional);
  r.String("error", &a.error, Presence::kOptional);
  r.String("provider_call_id", &a.provider_call_id, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const CallAgentAssigned& e, boost::json::object* o) {
  (*o)["agent_id"] = e.agent_id;
  (*o)["agent_name"] = e.agent_name;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallAgentAssigned* e) {
  r.String("agent_id", &e->agent_id);
  r.String("agent_name", &e->agent_name, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const CallRinging& e, boost::json::object* o) { json::PutTime(*o, "at", e.at); }
void Read(json::Reader& r, CallRinging* e) { r.Time("at", &e->at); }

void Write(const CallConnected& e, boost::json::object* o) {
  (*o)["answered_by"] = e.answered_by;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallConnected* e) {
  r.String("answered_by", &e->answered_by, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const CallEnded& e, boost::json::object* o) {
  (*o)["status"] = ToString(e.status);
  (*o)["reason"] = e.reason;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallEnded* e) {
  r.Enum("status", &e->status, &ParseCallStatus);
  if (r.ok() && !IsTerminal(e->status)) r.Fail("status: CallEnded needs a terminal status");
  r.String("reason", &e->reason, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const CallOutcomeRecorded& e, boost::json::object* o) {
  (*o)["outcome"] = ToString(e.outcome);
  (*o)["notes"] = e.notes;
  json::PutTime(*o, "follow_up_at", e.follow_up_at);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallOutcomeRecorded* e) {
  r.Enum("outcome", &e->outcome, &ParseCallOutcome);
  r.String("notes", &e->notes);
  r.Time("follow_up_at", &e->follow_up_at);
  r.Time("at", &e->at);
}

std::string CallDecider::TypeOf(const Event& event) { return json::TypeOf(event); }

std::string CallDecider::EncodeEvent(const Event& event) { return json::EncodeEvent(event); }

Result<CallEvent> CallDecider::DecodeEvent(const std::string& type,
                                           const std::string& payload_json) {
  return json::DecodeEvent<CallEvent>(type, payload_json);
}

std::string CallDecider::EncodeState(const State& s) {
  // Written directly (json_object_writer.h): call states are most of a call read model.
  json::ObjectWriter o(1024);
  o.Bool("exists", s.exists)
      .String("status", ToString(s.status))
      .String("direction", ToString(s.direction))
      .String("channel", ToString(s.channel))
      .String("mode", ToString(s.mode))
      .String("from_phone", s.from_phone)
      .String("to_phone", s.to_phone)
      .String("phone_type", s.phone_type)
      .String("lead_id", s.lead_id)
      .String("agent_id", s.agent_id)
      .String("agent_name", s.agent_name)
      .String("agent_avatar_url", s.agent_avatar_url)
      .String("contact_name", s.contact_name)
      .String("contact_email", s.contact_email)
      .String("campaign_id", s.campaign_id);
  if (s.metadata.empty() || s.metadata == "{}") {
    o.Raw("metadata", "{}");
  } else {  // normalized (and anything that is not an object dropped) as before
    o.Raw("metadata", boost::json::serialize(json::ObjectFromText(s.metadata)));
  }
  o.OptionalString("provider_id", s.provider_id)
      .OptionalString("provider_call_id", s.provider_call_id)
      .Int("dial_attempts", s.dial_attempts)
      .OptionalString("queue_id", s.queue_id)
      .Time("assigned_at", s.assigned_at)
      .OptionalString("recording", s.recording)
      .Int("ring_timeout_seconds", s.ring_timeout_seconds)
      .Time("deadline", s.deadline)
      .Time("initiated_at", s.initiated_at)
      .Time("ringing_at", s.ringing_at)
      .Time("connected_at", s.connected_at)
      .Time("call_started_at", s.connected_at)  // derived: seed 001's name for it
      .Time("ended_at", s.ended_at)
      .Int("duration_seconds", s.DurationSeconds())  // derived
      .OptionalString("answered_by", s.answered_by)
      .OptionalString("end_reason", s.end_reason)
      .Bool("terminal", s.IsTerminal());  // derived
  if (s.outcome) {
    o.String("outcome", ToString(*s.outcome));
  } else {
    o.Null("outcome");
  }
  o.OptionalString("notes", s.notes)
      .Time("follow_up_at", s.follow_up_at)
      .Time("outcome_at", s.outcome_at)
      .Bool("task_done", TaskDone(s));  // derived
  return std::move(o).Finish();
}

Result<CallState> CallDecider::DecodeState(const std::string& text) {
  json::ParsedObject o;
  if (Status parsed = o.Parse(text); !parsed.ok()) return parsed;
  CallState s;
  json::Reader r(o.object());
  r.Bool("exists", &s.exists);
  r.Enum("status", &s.status, &ParseCallStatus);
  r.Enum("direction", &s.direction, &ParseCallDirection);
  r.Enum("channel", &s.channel, &ParseCallChannel);
  r.Enum("mode", &s.mode, &ParseCallMode);
  r.String("from_phone", &s.from_phone, Presence::kOptional);
  r.String("to_phone", &s.to_phone, Presence::kOptional);
  r.String("phone_type", &s.phone_type, Presence::kOptional);
  r.String("lead_id", &s.lead_id, Presence::kOptional);
  r.String("agent_id", &s.agent_id, Presence::kOptional);
  r.String("agent_name", &s.agent_name, Presence::kOptional);
  r.String("agent_avatar_url", &s.agent_avatar_url, Presence::kOptional);
  r.String("contact_name", &s.contact_name, Presence::kOptional);
  r.String("contact_email", &s.contact_email, Presence::kOptional);
  r.String("campaign_id", &s.campaign_id, Presence::kOptional);
  r.ObjectText("metadata", &s.metadata, Presence::kOptional);
  r.String("provider_id", &s.provider_id, Presence::kOptional);
  r.String("provider_call_id", &s.provider_call_id, Presence::kOptional);
  r.Int("dial_attempts", &s.dial_attempts, Presence::kOptional);
  r.String("queue_id", &s.queue_id, Presence::kOptional);
  r.Time("assigned_at", &s.assigned_at);
  r.String("recording", &s.recording, Presence::kOptional);
  r.Int("ring_timeout_seconds", &s.ring_timeout_seconds, Presence::kOptional);
  r.Time("deadline", &s.deadline);
  r.Time("initiated_at", &s.initiated_at);
  r.Time("ringing_at", &s.ringing_at);
  r.Time("connected_at", &s.connected_at);
  r.Time("ended_at", &s.ended_at);
  r.String("answered_by", &s.answered_by, Presence::kOptional);
  r.String("end_reason", &s.end_reason, Presence::kOptional);
  r.Enum("outcome", &s.outcome, &ParseCallOutcome);
  r.String("notes", &s.notes, Presence::kOptional);
  r.Time("follow_up_at", &s.follow_up_at);
  r.Time("outcome_at", &s.outcome_at);
  if (!r.ok()) return Status::Corruption("call state: " + r.status().message());
  return s;
}

}  // namespace sb::domain
