// Queries of the call_sessions model: the session list (seed 001) and the statistics.
#ifndef SWITCHBOARD_PROJECTIONS_CALL_QUERIES_H_
#define SWITCHBOARD_PROJECTIONS_CALL_QUERIES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/call_state.h"
#include "domain/result.h"
#include "projections/model_writer.h"

namespace sb::projections {

// Which calls: one tenant's, optionally narrowed. `from` and `to` bound the initiation instant
// (both inclusive).
struct CallFilter {
  std::string tenant;
  std::optional<domain::CallStatus> status;
  std::string agent_id;
  std::string lead_id;
  std::optional<domain::CallChannel> channel;
  std::optional<domain::CallDirection> direction;
  std::optional<domain::Timestamp> from;
  std::optional<domain::Timestamp> to;
};

struct CallPage {
  uint64_t total = 0;                                               // calls matching the filter
  std::vector<std::pair<std::string, domain::CallState>> sessions;  // (id, state), newest first
};

Result<CallPage> ListCalls(const ModelReader& model, const CallFilter& filter, size_t limit,
                           size_t offset);

// Contact-center KPIs over a set of calls. Definitions (docs/projections.md):
//   answered: reached CONNECTED; abandoned: CANCELED before an answer; unanswered: ended
//   without an answer for any other reason (REJECTED, NO_ANSWER, BUSY, FAILED, TIMEOUT);
//   pending: not answered and not ended yet (left out of the rates).
struct CallKpis {
  uint64_t total_calls = 0;
  uint64_t completed_calls = 0;  // status COMPLETED
  uint64_t failed_calls = 0;     // REJECTED, NO_ANSWER, BUSY, FAILED, TIMEOUT
  uint64_t answered_calls = 0;
  uint64_t abandoned_calls = 0;
  uint64_t pending_calls = 0;
  uint64_t answered_within_service_level = 0;
  int64_t total_duration = 0;       // talk seconds, connected -> ended
  int64_t total_answer_micros = 0;  // initiated -> connected, over answered calls
  int64_t total_wrap_micros = 0;    // ended -> outcome recorded, over handled calls
  uint64_t handled_calls = 0;       // answered and ended
  std::map<std::string, uint64_t> by_status;

  void Add(const domain::CallState& call, int64_t service_level_seconds);
  double AverageDuration() const;       // seconds, over handled calls
  double AnswerRate() const;            // answered / (total - pending)
  double AverageSpeedOfAnswer() const;  // seconds
  double AverageHandleTime() const;     // talk + after-call work (outcome), seconds
  double AbandonmentRate() const;       // abandoned / (total - pending)
  double ServiceLevel() const;          // answered within the threshold / (total - pending)
};

struct CallStatsQuery {
  CallFilter filter;
  int64_t service_level_seconds = 20;
  int64_t interval_seconds = 0;  // > 0: also per window of this length (aligned to the epoch)
};

struct CallStats {
  CallKpis overall;
  std::map<std::string, CallKpis> by_agent;
  std::map<domain::Timestamp, CallKpis> by_window;  // window start -> KPIs
};

Result<CallStats> ComputeCallStats(const ModelReader& model, const CallStatsQuery& query);

}  // namespace sb::projections

#endif  // SWITCHBOARD_PROJECTIONS_CALL_QUERIES_H_
