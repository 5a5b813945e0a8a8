// JSON of customer events and state (conventions in json_fields.h).
#include <utility>

#include "domain/customer_decider.h"
#include "domain/json_fields.h"

namespace sb::domain {

using json::Presence;

namespace {

void WriteProfile(const CustomerProfile& p, boost::json::object* o) {
  (*o)["name"] = p.name;
  (*o)["phone"] = p.phone;
  (*o)["email"] = p.email;
  (*o)["consent_in_app_calls"] = p.consent_in_app_calls;
}

void ReadProfile(json::Reader& r, CustomerProfile* p) {
  r.String("name", &p->name, Presence::kOptional);
  r.String("phone", &p->phone, Presence::kOptional);
  r.String("email", &p->email, Presence::kOptional);
  r.Bool("consent_in_app_calls", &p->consent_in_app_calls, Presence::kOptional);
}

boost::json::array WriteViewers(const std::map<std::string, ProfileViewer>& viewers) {
  boost::json::array a;
  for (const auto& [agent_id, v] : viewers) {
    boost::json::object card;
    card["agent_id"] = agent_id;
    card["agent_name"] = v.agent_name;
    card["agent_avatar_url"] = v.agent_avatar_url;
    json::PutTime(card, "opened_at", v.opened_at);
    a.push_back(std::move(card));
  }
  return a;
}

void ReadViewers(json::Reader& r, std::map<std::string, ProfileViewer>* out) {
  r.Objects("viewers", [out](json::Reader& card) {
    std::string agent_id;
    ProfileViewer viewer;
    card.String("agent_id", &agent_id);
    card.String("agent_name", &viewer.agent_name, Presence::kOptional);
    card.String("agent_avatar_url", &viewer.agent_avatar_url, Presence::kOptional);
    card.Time("opened_at", &viewer.opened_at);
    if (card.ok()) (*out)[agent_id] = std::move(viewer);
  });
}

}  // namespace

// Read/Write overloads are found by argument-dependent lookup from json_fields.h, hence
// namespace sb::domain rather than an unnamed namespace.

void Write(const CustomerRegistered& e, boost::json::object* o) {
  WriteProfile(e.profile, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CustomerRegistered* e) {
  ReadProfile(r, &e->profile);
  r.Time("at", &e->at);
}

void Write(const CustomerProfileUpdated& e, boost::json::object* o) {
  WriteProfile(e.profile, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CustomerProfileUpdated* e) {
  ReadProfile(r, &e->profile);
  r.Time("at", &e->at);
}

void Write(const CustomerConnected& e, boost::json::object* o) {
  (*o)["connection_id"] = e.connection_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CustomerConnected* e) {
  r.String("connection_id", &e->connection_id);
  r.Time("at", &e->at);
}

void Write(const CustomerDisconnected& e, boost::json::object* o) {
  (*o)["connection_id"] = e.connection_id;
  json::PutTime(*o, "offline_deadline", e.offline_deadline);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CustomerDisconnected* e) {
  r.String("connection_id", &e->connection_id);
  r.Time("offline_deadline", &e->offline_deadline);
  r.Time("at", &e->at);
}

void Write(const CustomerWentOffline& e, boost::json::object* o) {
  (*o)["reason"] = e.reason;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CustomerWentOffline* e) {
  r.String("reason", &e->reason, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const ProfileOpened& e, boost::json::object* o) {
  (*o)["agent_id"] = e.agent_id;
  (*o)["agent_name"] = e.agent_name;
  (*o)["agent_avatar_url"] = e.agent_avatar_url;
  (*o)["viewers"] = e.viewers;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, ProfileOpened* e) {
  r.String("agent_id", &e->agent_id);
  r.String("agent_name", &e->agent_name, Presence::kOptional);
  r.String("agent_avatar_url", &e->agent_avatar_url, Presence::kOptional);
  r.Int("viewers", &e->viewers, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const ProfileClosed& e, boost::json::object* o) {
  (*o)["agent_id"] = e.agent_id;
  (*o)["viewers"] = e.viewers;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, ProfileClosed* e) {
  r.String("agent_id", &e->agent_id);
  r.Int("viewers", &e->viewers, Presence::kOptional);
  r.Time("at", &e->at);
}

void Write(const LineGranted& e, boost::json::object* o) {
  (*o)["call_id"] = e.call_id;
  (*o)["agent_id"] = e.agent_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, LineGranted* e) {
  r.String("call_id", &e->call_id);
  r.String("agent_id", &e->agent_id);
  r.Time("at", &e->at);
}

void Write(const LineReleased& e, boost::json::object* o) {
  (*o)["call_id"] = e.call_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, LineReleased* e) {
  r.String("call_id", &e->call_id);
  r.Time("at", &e->at);
}

std::string CustomerDecider::TypeOf(const Event& event) { return json::TypeOf(event); }

std::string CustomerDecider::EncodeEvent(const Event& event) { return json::EncodeEvent(event); }

Result<CustomerEvent> CustomerDecider::DecodeEvent(const std::string& type,
                                                   const std::string& payload_json) {
  return json::DecodeEvent<CustomerEvent>(type, payload_json);
}

std::string CustomerDecider::EncodeState(const State& s) {
  boost::json::object o;
  o["exists"] = s.exists;
  WriteProfile(s.profile, &o);
  o["online"] = IsOnline(s);              // derived
  o["live"] = IsLive(s);                  // derived
  o["availability"] = AvailabilityOf(s);  // derived: "live" | "to_rescue"
  o["connections"] = json::ToArray(s.connections);
  json::PutTime(o, "offline_deadline", s.offline_deadline);
  json::PutTime(o, "last_seen_at", s.last_seen_at);
  o["viewer_count"] = s.ViewerCount();  // derived
  o["viewers"] = WriteViewers(s.viewers);
  if (s.LineHeld()) {
    boost::json::object line;
    line["call_id"] = s.line_call_id;
    line["agent_id"] = s.line_agent_id;
    json::PutTime(line, "granted_at", s.line_granted_at);
    o["line"] = std::move(line);
  } else {
    o["line"] = nullptr;
  }
  json::PutTime(o, "created_at", s.created_at);
  json::PutTime(o, "updated_at", s.updated_at);
  return boost::json::serialize(o);
}

Result<CustomerState> CustomerDecider::DecodeState(const std::string& text) {
  json::ParsedObject o;
  if (Status parsed = o.Parse(text); !parsed.ok()) return parsed;
  CustomerState s;
  json::Reader r(o.object());
  r.Bool("exists", &s.exists);
  ReadProfile(r, &s.profile);
  r.StringSet("connections", &s.connections, Presence::kOptional);
  r.Time("offline_deadline", &s.offline_deadline);
  r.Time("last_seen_at", &s.last_seen_at);
  ReadViewers(r, &s.viewers);
  r.Object(
      "line",
      [&s](json::Reader& line) {
        line.String("call_id", &s.line_call_id);
        line.String("agent_id", &s.line_agent_id, Presence::kOptional);
        line.Time("granted_at", &s.line_granted_at);
      },
      Presence::kOptional);
  r.Time("created_at", &s.created_at);
  r.Time("updated_at", &s.updated_at);
  if (!r.ok()) return Status::Corruption("customer state: " + r.status().message());
  return s;
}

}  // namespace sb::domain
