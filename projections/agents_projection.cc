#include "projections/agents_projection.h"

#include <boost/json.hpp>

#include "domain/overloaded.h"
#include "projections/model_keys.h"
#include "projections/status_counters.h"

namespace sb::projections {
namespace {

// The activity_type of seed 001's log (login, logout, on-call, on-break, idle, ...) for an
// event, and what else it says.
void DescribeActivity(const domain::AgentEvent& event, boost::json::object& entry) {
  std::visit(
      domain::Overloaded{
          [&](const domain::AgentRegistered&) { entry["activity_type"] = "registered"; },
          [&](const domain::AgentProfileUpdated&) { entry["activity_type"] = "profile_updated"; },
          [&](const domain::AgentStatusChanged& e) {
            entry["activity_type"] = "status_change";
            entry["from"] = domain::ToString(e.from);
            entry["to"] = domain::ToString(e.to);
            entry["reason"] = e.reason;
          },
          [&](const domain::AgentCallReserved& e) {
            entry["activity_type"] = "call_started";
            entry["session_id"] = e.call_id;
          },
          [&](const domain::AgentCallReleased& e) {
            entry["activity_type"] = "call_ended";
            entry["session_id"] = e.call_id;
          },
          [&](const domain::AgentChatReserved& e) {
            entry["activity_type"] = "chat_assigned";
            entry["session_id"] = e.chat_id;
          },
          [&](const domain::AgentChatReleased& e) {
            entry["activity_type"] = "chat_released";
            entry["session_id"] = e.chat_id;
          },
          [&](const domain::AgentActivityRecorded& e) {
            entry["activity_type"] = e.activity_type;
            entry["session_id"] = e.session_id;
            entry["duration_seconds"] = e.duration_seconds;
            entry["details"] = e.details;
            entry["reported_available"] = e.is_available;
          },
      },
      event);
}

}  // namespace

Status AgentsProjection::OnEvent(const StreamName& ref, const State& before, const State& after,
                                 const Event& event, const es::RecordedEvent& record,
                                 ModelWriter& model) const {
  boost::json::object entry;
  entry["position"] = record.position;
  entry["event"] = record.type;
  DescribeActivity(event, entry);
  entry["status"] = domain::ToString(after.status);
  entry["is_available"] = domain::CanTakeWork(after.status);
  entry["actor"] = record.actor;
  entry["created_at"] = domain::FormatTimestamp(record.timestamp_us);
  model.Put(ActivityPrefix(ref.tenant, ref.id) + Hex16(record.position),
            boost::json::serialize(entry));

  if (std::holds_alternative<domain::AgentCallReserved>(event)) {
    const auto day = UtcDay(std::get<domain::AgentCallReserved>(event).at);
    if (Status s = model.Add(CallsPerDayKey(ref.tenant, ref.id, day), 1); !s.ok()) return s;
  }
  return MoveStatusCounter(
      model, before.exists, std::string(kStatusCounterPrefix) + domain::ToString(before.status),
      after.exists, std::string(kStatusCounterPrefix) + domain::ToString(after.status));
}

}  // namespace sb::projections
