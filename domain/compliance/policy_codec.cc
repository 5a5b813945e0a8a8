// JSON of calling-policy events and state (conventions in domain/json_fields.h). The state
// may hold 100,000 numbers, so collections are arrays of small objects rather than objects
// keyed by number: one spelling per entry wherever it appears (event or state), and a reader
// can stream them.
#include <functional>
#include <string_view>
#include <utility>

#include "domain/compliance/policy_decider.h"
#include "domain/json_fields.h"

namespace sb::domain {

using json::Presence;

namespace {

void WriteEntry(const ListedNumber& e, boost::json::object* o) {
  (*o)["number"] = e.number;
  (*o)["list"] = ToString(e.list);
  (*o)["reason"] = e.reason;
  json::PutTime(*o, "added_at", e.added_at);
}
void ReadEntry(json::Reader& r, ListedNumber* e) {
  r.String("number", &e->number);
  r.Enum("list", &e->list, &ParseNumberList);
  r.String("reason", &e->reason, Presence::kOptional);
  r.Time("added_at", &e->added_at);
}

void WriteProfile(const CallerIdProfile& p, boost::json::object* o) {
  (*o)["profile_id"] = p.profile_id;
  (*o)["number"] = p.number;
  (*o)["display_name"] = p.display_name;
  (*o)["is_default"] = p.is_default;
}
void ReadProfile(json::Reader& r, CallerIdProfile* p) {
  r.String("profile_id", &p->profile_id);
  r.String("number", &p->number);
  r.String("display_name", &p->display_name, Presence::kOptional);
  r.Bool("is_default", &p->is_default);
}

void WriteHours(const CallingHours& h, boost::json::object* o) {
  (*o)["enabled"] = h.enabled;
  (*o)["utc_offset_minutes"] = h.utc_offset_minutes;
  boost::json::array windows;
  windows.reserve(h.windows.size());
  for (const CallingWindow& w : h.windows) {
    windows.push_back(boost::json::object{
        {"day", ToString(w.day)}, {"start_minute", w.start_minute}, {"end_minute", w.end_minute}});
  }
  (*o)["windows"] = std::move(windows);
}
void ReadHours(json::Reader& r, CallingHours* h) {
  r.Bool("enabled", &h->enabled);
  r.Int("utc_offset_minutes", &h->utc_offset_minutes);
  h->windows.clear();
  r.Objects("windows", [h](json::Reader& item) {
    CallingWindow w;
    item.Enum("day", &w.day, &ParseWeekday);
    item.Int("start_minute", &w.start_minute);
    item.Int("end_minute", &w.end_minute);
    h->windows.push_back(w);
  });
}

void WriteSettings(const PolicySettings& s, boost::json::object* o) {
  (*o)["recording"] = ToString(s.recording);
  (*o)["vip_priority_boost"] = s.vip_priority_boost;
}
void ReadSettings(json::Reader& r, PolicySettings* s) {
  r.Enum("recording", &s->recording, &ParseRecordingMode);
  r.Int("vip_priority_boost", &s->vip_priority_boost);
}

}  // namespace

void Write(const NumberListed& e, boost::json::object* o) { WriteEntry(e.entry, o); }
void Read(json::Reader& r, NumberListed* e) { ReadEntry(r, &e->entry); }

void Write(const NumberUnlisted& e, boost::json::object* o) {
  (*o)["number"] = e.number;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, NumberUnlisted* e) {
  r.String("number", &e->number);
  r.Time("at", &e->at);
}

void Write(const CallerIdProfileUpserted& e, boost::json::object* o) {
  WriteProfile(e.profile, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallerIdProfileUpserted* e) {
  ReadProfile(r, &e->profile);
  r.Time("at", &e->at);
}

void Write(const CallerIdProfileRemoved& e, boost::json::object* o) {
  (*o)["profile_id"] = e.profile_id;
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallerIdProfileRemoved* e) {
  r.String("profile_id", &e->profile_id);
  r.Time("at", &e->at);
}

void Write(const CallingHoursSet& e, boost::json::object* o) {
  WriteHours(e.hours, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, CallingHoursSet* e) {
  ReadHours(r, &e->hours);
  r.Time("at", &e->at);
}

void Write(const PolicyConfigured& e, boost::json::object* o) {
  WriteSettings(e.settings, o);
  json::PutTime(*o, "at", e.at);
}
void Read(json::Reader& r, PolicyConfigured* e) {
  ReadSettings(r, &e->settings);
  r.Time("at", &e->at);
}

std::string CallingPolicyDecider::TypeOf(const Event& event) { return json::TypeOf(event); }

std::string CallingPolicyDecider::EncodeEvent(const Event& event) {
  return json::EncodeEvent(event);
}

Result<CallingPolicyEvent> CallingPolicyDecider::DecodeEvent(const std::string& type,
                                                             const std::string& payload_json) {
  return json::DecodeEvent<CallingPolicyEvent>(type, payload_json);
}

std::string CallingPolicyDecider::EncodeState(const State& s) {
  boost::json::object o;
  boost::json::array numbers;
  numbers.reserve(s.numbers.size());
  for (const auto& [number, entry] : s.numbers) {
    boost::json::object item;
    WriteEntry(entry, &item);
    numbers.push_back(std::move(item));
  }
  o["numbers"] = std::move(numbers);
  boost::json::array caller_ids;
  for (const auto& [id, profile] : s.caller_ids) {
    boost::json::object item;
    WriteProfile(profile, &item);
    caller_ids.push_back(std::move(item));
  }
  o["caller_ids"] = std::move(caller_ids);
  boost::json::object hours;
  WriteHours(s.hours, &hours);
  o["calling_hours"] = std::move(hours);
  boost::json::object settings;
  WriteSettings(s.settings, &settings);
  o["settings"] = std::move(settings);
  json::PutTime(o, "updated_at", s.updated_at);
  return boost::json::serialize(o);
}

Result<CallingPolicyState> CallingPolicyDecider::DecodeState(const std::string& text) {
  json::ParsedObject o;
  if (Status parsed = o.Parse(text); !parsed.ok()) return parsed;
  CallingPolicyState s;
  json::Reader r(o.object());
  r.Objects("numbers", [&s](json::Reader& item) {
    ListedNumber entry;
    ReadEntry(item, &entry);
    std::string key = entry.number;
    s.numbers.emplace_hint(s.numbers.end(), std::move(key), std::move(entry));
  });
  r.Objects("caller_ids", [&s](json::Reader& item) {
    CallerIdProfile profile;
    ReadProfile(item, &profile);
    s.caller_ids[profile.profile_id] = profile;
  });
  r.Object("calling_hours", [&s](json::Reader& h) { ReadHours(h, &s.hours); });
  r.Object("settings", [&s](json::Reader& p) { ReadSettings(p, &s.settings); });
  r.Time("updated_at", &s.updated_at);
  if (!r.ok()) return Status::Corruption("calling policy state: " + r.status().message());
  return s;
}

}  // namespace sb::domain
