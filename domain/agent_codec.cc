// JSON of agent events and state (conventions in json_fields.h).
#include <utility>

#include "domain/agent_decider.h"
#include "domain/json_fields.h"

namespace sb::domain {

using json::Presence;

namespace {

void WriteProfile(const AgentProfile& p, boost::json::object* o) {
  (*o)["name"] = p.name;
  (*o)["email"] = p.email;
  (*o)["extension"] = p.extension;
  (*o)["avatar_url"] = p.avatar_url;
  (*o)["skills"] = json::ToObject(p.skills);
  (*o)["max_concurrent_chats"] = p.max_concurrent_chats;
}

void ReadProfile(json::Reader& r, AgentProfile* p) {
  r.String("name", &p->name);
  r.String("email", &p->email, Presence::kOptional);
  r.String("extension", &p->extension, Presence::kOptional);
  r.String("avatar_url", &p->avatar_url, Presence::kOptional);
  r.IntMap("skills", &p->skills, Presence::kOptional);
  r.Int("max_concurrent_chats", &p->max_concurrent_chats);
}

}  // namespace

// Read/Write overloads are found by argument-dependent lookup from json_fields.h, hence
// namespace sb::domain rather than an unnamed namespace.

void Write(const AgentRegistered& e, boost::json::object* o) {
  WriteProfile(e.profile, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentRegistered* e) {
  ReadProfile(r, &e->profile);
  r.Time("at", &e->at);
}

void Write(const AgentProfileUpdated& e, boost::json::object* o) {
  WriteProfile(e.profile, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentProfileUpdated* e) {
  ReadProfile(r, &e->profile);
  r.Time("at", &e->at);
}

void Write(const AgentStatusChanged& e, boost::json::object* o) {
  (*o)["from"] = ToString(e.from);
  (*o)["to"] = ToString(e.to);
  (*o)["reason"] = e.reason;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentStatusChanged* e) {
  r.Enum("from", &e->from, &ParseAgentStatus);
  r.Enum("to", &e->to, &ParseAgentStatus);
  r.String("reason", &e->reason, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const AgentCallReserved& e, boost::json::object* o) {
  (*o)["call_id"] = e.call_id;
  (*o)["return_status"] = ToString(e.return_status);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentCallReserved* e) {
  r.String("call_id", &e->call_id);
  r.Enum("return_status", &e->return_status, &ParseAgentStatus);
  r.Time("at", &e->at);
}

void Write(const AgentCallReleased& e, boost::json::object* o) {
  (*o)["call_id"] = e.call_id;
  json::PutTime(*o, "wrap_up_deadline", e.wrap_up_deadline);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentCallReleased* e) {
  r.String("call_id", &e->call_id);
  r.Time("wrap_up_deadline", &e->wrap_up_deadline);
  r.Time("at", &e->at);
}

void Write(const AgentChatReserved& e, boost::json::object* o) {
  (*o)["chat_id"] = e.chat_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentChatReserved* e) {
  r.String("chat_id", &e->chat_id);
  r.Time("at", &e->at);
}

void Write(const AgentChatReleased& e, boost::json::object* o) {
  (*o)["chat_id"] = e.chat_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentChatReleased* e) {
  r.String("chat_id", &e->chat_id);
  r.Time("at", &e->at);
}

void Write(const AgentActivityRecorded& e, boost::json::object* o) {
  (*o)["activity_type"] = e.activity_type;
  (*o)["session_id"] = e.session_id;
  (*o)["is_available"] = e.is_available;
  (*o)["duration_seconds"] = e.duration_seconds;
  (*o)["details"] = e.details;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, AgentActivityRecorded* e) {
  r.String("activity_type", &e->activity_type);
  r.String("session_id", &e->session_id, Presence::kOptional);
  r.Bool("is_available", &e->is_available, Presence::kOptional);
  r.Int("duration_seconds", &e->duration_seconds, Presence::kOptional);
  r.String("details", &e->details, Presence::kOptional);
  r.Time("at", &e->at);
}

std::string AgentDecider::TypeOf(const Event& event) { return json::TypeOf(event); }

std::string AgentDecider::EncodeEvent(const Event& event) { return json::EncodeEvent(event); }

Result<AgentEvent> AgentDecider::DecodeEvent(const std::string& type,
                                             const std::string& payload_json) {
  return json::DecodeEvent<AgentEvent>(type, payload_json);
}

std::string AgentDecider::EncodeState(const State& s) {
  boost::json::object o;
  o["exists"] = s.exists;
  WriteProfile(s.profile, &o);
  o["status"] = ToString(s.status);
  o["status_reason"] = s.status_reason;
  json::PutTime(o, "status_since", s.status_since);
  o["can_take_work"] = CanTakeWork(s.status);                      // derived
  o["may_place_outbound_calls"] = MayPlaceOutboundCall(s.status);  // derived
  json::PutOptionalString(o, "active_call_id", s.active_call_id);
  if (s.return_status) {
    o["return_status"] = ToString(*s.return_status);
  } else {
    o["return_status"] = nullptr;
  }
  json::PutTime(o, "wrap_up_deadline", s.wrap_up_deadline);
  o["active_chats"] = json::ToArray(s.active_chats);
  o["current_load"] = s.CurrentLoad();  // derived
  json::PutOptionalString(o, "last_activity_type", s.last_activity_type);
  json::PutTime(o, "last_activity_at", s.last_activity_at);
  json::PutTime(o, "created_at", s.created_at);
  json::PutTime(o, "updated_at", s.updated_at);
  return boost::json::serialize(o);
}

Result<AgentState> AgentDecider::DecodeState(const std::string& text) {
  json::ParsedObject o;
  if (Status parsed = o.Parse(text); !parsed.ok()) return parsed;
  AgentState s;
  json::Reader r(o.object());
  r.Bool("exists", &s.exists);
  ReadProfile(r, &s.profile);
  r.Enum("status", &s.status, &ParseAgentStatus);
  r.String("status_reason", &s.status_reason, Presence::kOptional);
  r.Time("status_since", &s.status_since);
  r.String("active_call_id", &s.active_call_id, Presence::kOptional);
  r.Enum("return_status", &s.return_status, &ParseAgentStatus);
  r.Time("wrap_up_deadline", &s.wrap_up_deadline);
  r.StringSet("active_chats", &s.active_chats, Presence::kOptional);
  r.String("last_activity_type", &s.last_activity_type, Presence::kOptional);
  r.Time("last_activity_at", &s.last_activity_at);
  r.Time("created_at", &s.created_at);
  r.Time("updated_at", &s.updated_at);
  if (!r.ok()) return Status::Corruption("agent state: " + r.status().message());
  return s;
}

}  // namespace sb::domain
