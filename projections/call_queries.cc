#include "projections/call_queries.h"

#include <charconv>
#include <functional>

#include "projections/call_sessions_projection.h"
#include "projections/model_keys.h"

namespace sb::projections {
namespace {

using domain::CallStatus;

bool Matches(const domain::CallState& call, const CallFilter& filter) {
  if (filter.status && call.status != *filter.status) return false;
  if (!filter.agent_id.empty() && call.agent_id != filter.agent_id) return false;
  if (!filter.lead_id.empty() && call.lead_id != filter.lead_id) return false;
  if (filter.channel && call.channel != *filter.channel) return false;
  if (filter.direction && call.direction != *filter.direction) return false;
  return true;
}

// Visits the tenant's calls matching `filter`, newest first, through the narrowest index.
Status ForEachCall(const ModelReader& model, const CallFilter& filter,
                   const std::function<void(const std::string&, const domain::CallState&)>& visit) {
  std::string index = CallSessionsProjection::TenantIndex(filter.tenant);
  if (!filter.agent_id.empty()) {
    index = CallSessionsProjection::AgentIndex(filter.tenant, filter.agent_id);
  } else if (!filter.lead_id.empty()) {
    index = CallSessionsProjection::LeadIndex(filter.tenant, filter.lead_id);
  }
  const std::string start = filter.to ? index + NewestFirst(*filter.to) : "";
  const std::string stop = filter.from ? NewestFirst(*filter.from) : "";
  std::vector<std::string> ids;
  Status s = model.Scan(index, start, false, [&](std::string_view key, std::string_view) {
    std::string_view rest = key.substr(index.size());  // "<newest-first>/<id>"
    if (rest.size() < 18 || rest[16] != '/') return true;
    if (!stop.empty() && rest.substr(0, 16) > stop) return false;  // older than `from`
    ids.emplace_back(rest.substr(17));
    return true;
  });
  if (!s.ok()) return s;
  // Read the states after the scan: no store calls from inside one.
  for (const auto& id : ids) {
    auto state = CallSessionsProjection::Load(model, filter.tenant, id);
    if (!state.ok()) return state.status();
    if (!state.value()) return Status::Corruption("call " + id + " is indexed but has no state");
    if (Matches(**state, filter)) visit(id, **state);
  }
  return Status::OK();
}

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

}  // namespace

Result<CallPage> ListCalls(const ModelReader& model, const CallFilter& filter, size_t limit,
                           size_t offset) {
  CallPage page;
  Status s = ForEachCall(model, filter, [&](const std::string& id, const domain::CallState& call) {
    if (page.total >= offset && page.sessions.size() < limit) page.sessions.emplace_back(id, call);
    ++page.total;
  });
  if (!s.ok()) return s;
  return page;
}

void CallKpis::Add(const domain::CallState& call, int64_t service_level_seconds) {
  ++total_calls;
  ++by_status[domain::ToString(call.status)];
  const bool answered = call.connected_at.has_value();
  const bool ended = call.ended_at.has_value() || call.IsTerminal();
  if (call.status == CallStatus::kCompleted) ++completed_calls;
  if (answered) {
    ++answered_calls;
    const int64_t answer = *call.connected_at - call.initiated_at;
    total_answer_micros += answer;
    if (answer <= domain::Seconds(service_level_seconds)) ++answered_within_service_level;
    if (ended) {
      ++handled_calls;
      total_duration += call.DurationSeconds();
      if (call.outcome_at && call.ended_at) total_wrap_micros += *call.outcome_at - *call.ended_at;
    }
  } else if (call.status == CallStatus::kCanceled) {
    ++abandoned_calls;
  } else if (ended) {
    ++failed_calls;
  } else {
    ++pending_calls;
  }
}

double CallKpis::AverageDuration() const { return Ratio(total_duration, handled_calls); }
double CallKpis::AnswerRate() const { return Ratio(answered_calls, total_calls - pending_calls); }
double CallKpis::AverageSpeedOfAnswer() const {
  return Ratio(total_answer_micros / 1e6, answered_calls);
}
double CallKpis::AverageHandleTime() const {
  return Ratio(total_duration + total_wrap_micros / 1e6, handled_calls);
}
double CallKpis::AbandonmentRate() const {
  return Ratio(abandoned_calls, total_calls - pending_calls);
}
double CallKpis::ServiceLevel() const {
  return Ratio(answered_within_service_level, total_calls - pending_calls);
}

Result<CallStats> ComputeCallStats(const ModelReader& model, const CallStatsQuery& query) {
  CallStats stats;
  const int64_t window = domain::Seconds(query.interval_seconds);
  Status s = ForEachCall(model, query.filter, [&](const std::string&, const domain::CallState& c) {
    stats.overall.Add(c, query.service_level_seconds);
    if (!c.agent_id.empty()) stats.by_agent[c.agent_id].Add(c, query.service_level_seconds);
    if (window > 0) {
      const domain::Timestamp start =
          c.initiated_at - ((c.initiated_at % window) + window) % window;
      stats.by_window[start].Add(c, query.service_level_seconds);
    }
  });
  if (!s.ok()) return s;
  return stats;
}

}  // namespace sb::projections
