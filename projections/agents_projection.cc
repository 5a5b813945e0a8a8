#include "projections/agents_projection.h"

#include "domain/json_object_writer.h"
#include "domain/overloaded.h"
#include "projections/model_keys.h"

namespace sb::projections {
namespace {

// The activity_type of seed 001's log (login, logout, on-call, on-break, idle, ...) for an
// event, and what else it says.
void DescribeActivity(const domain::AgentEvent& event, domain::json::ObjectWriter& entry) {
  std::visit(
      domain::Overloaded{
          [&](const domain::AgentRegistered&) { entry.String("activity_type", "registered"); },
          [&](const domain::AgentProfileUpdated&) {
            entry.String("activity_type", "profile_updated");
          },
          [&](const domain::AgentStatusChanged& e) {
            entry.String("activity_type", "status_change")
                .String("from", domain::ToString(e.from))
                .String("to", domain::ToString(e.to))
                .String("reason", e.reason);
          },
          [&](const domain::AgentCallReserved& e) {
            entry.String("activity_type", "call_started").String("session_id", e.call_id);
          },
          [&](const domain::AgentCallReleased& e) {
            entry.String("activity_type", "call_ended").String("session_id", e.call_id);
          },
          [&](const domain::AgentChatReserved& e) {
            entry.String("activity_type", "chat_assigned").String("session_id", e.chat_id);
          },
          [&](const domain::AgentChatReleased& e) {
            entry.String("activity_type", "chat_released").String("session_id", e.chat_id);
          },
          [&](const domain::AgentActivityRecorded& e) {
            entry.String("activity_type", e.activity_type)
                .String("session_id", e.session_id)
                .Int("duration_seconds", e.duration_seconds)
                .String("details", e.details)
                .Bool("reported_available", e.is_available);
          },
      },
      event);
}

}  // namespace

Status AgentsProjection::OnEvent(const StreamName& ref, bool, const State& after,
                                 const Event& event, const es::RecordedEvent& record,
                                 ModelWriter& model) const {
  // Written directly (json_object_writer.h): there is one entry per agent event.
  domain::json::ObjectWriter entry;
  entry.Int("position", static_cast<int64_t>(record.position)).String("event", record.type);
  DescribeActivity(event, entry);
  entry.String("status", domain::ToString(after.status))
      .Bool("is_available", domain::CanTakeWork(after.status))
      .String("actor", record.actor)
      .Time("created_at", record.timestamp_us);
  model.Put(ActivityPrefix(ref.tenant, ref.id) + Hex16(record.position), std::move(entry).Finish());

  if (std::holds_alternative<domain::AgentCallReserved>(event)) {
    const auto day = UtcDay(std::get<domain::AgentCallReserved>(event).at);
    return model.Add(CallsPerDayKey(ref.tenant, ref.id, day), 1);
  }
  return Status::OK();
}

}  // namespace sb::projections
