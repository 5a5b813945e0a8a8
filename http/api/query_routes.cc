// Read-model queries (issue 4 §2): the session list and statistics of seed 001, the
// supervisor's agent board and an agent's activity log, and the leads by availability.
//
// Who sees what: staff the whole tenant; an agent its own calls, stats and activity (asking
// for another agent's is 403) and the tenant's leads; a customer its own calls only.
#include <boost/json.hpp>

#include "domain/call_attributes.h"
#include "domain/call_status.h"
#include "http/api/answers.h"
#include "http/api/guard.h"
#include "http/api/read_model_query.h"
#include "http/api/routes.h"
#include "http/api/views.h"
#include "projections/agent_queries.h"
#include "projections/agents_projection.h"
#include "projections/call_queries.h"
#include "projections/call_sessions_projection.h"
#include "projections/customers_projection.h"

namespace sb::http::api {
namespace {

using projections::CallFilter;

constexpr uint64_t kDefaultLimit = 50;
constexpr uint64_t kMaxLimit = 500;

// Reads the filter shared by the session list and the statistics; a Response on bad input.
std::optional<Response> ReadCallFilter(const Principal& caller, const Request& request,
                                       CallFilter* filter) {
  filter->tenant = caller.tenant;
  filter->agent_id = request.Query("agent_id").value_or("");
  filter->lead_id = request.Query("lead_id").value_or("");
  if (caller.role == Role::kAgent) {
    if (!filter->agent_id.empty() && filter->agent_id != caller.subject) {
      return ForbiddenResponse("an agent sees only its own calls");
    }
    filter->agent_id = caller.subject;
  } else if (caller.role == Role::kCustomer) {
    if (!filter->lead_id.empty() && filter->lead_id != caller.subject) {
      return ForbiddenResponse("a customer sees only its own calls");
    }
    filter->lead_id = caller.subject;
  }
  if (auto text = request.Query("status")) {
    filter->status = domain::ParseCallStatus(*text);
    if (!filter->status) return ErrorResponse(400, "invalid_query", "unknown status", "status");
  }
  if (auto text = request.Query("channel")) {
    filter->channel = domain::ParseCallChannel(*text);
    if (!filter->channel) return ErrorResponse(400, "invalid_query", "unknown channel", "channel");
  }
  if (auto text = request.Query("direction")) {
    filter->direction = domain::ParseCallDirection(*text);
    if (!filter->direction) {
      return ErrorResponse(400, "invalid_query", "unknown direction", "direction");
    }
  }
  for (auto [name, slot] : {std::pair{"from", &filter->from}, std::pair{"to", &filter->to}}) {
    auto instant = InstantParam(request, name);
    if (!instant.ok()) return InvalidQuery(instant.status(), name);
    *slot = *instant;
  }
  if (filter->from && filter->to && *filter->from > *filter->to) {
    return ErrorResponse(400, "invalid_query", "from is after to", "from");
  }
  return std::nullopt;
}

// ?limit= (1..500, default 50) and ?offset=.
std::optional<Response> ReadPage(const Request& request, uint64_t* limit, uint64_t* offset) {
  auto l = UintParam(request, "limit");
  if (!l.ok()) return InvalidQuery(l.status(), "limit");
  auto o = UintParam(request, "offset");
  if (!o.ok()) return InvalidQuery(o.status(), "offset");
  *limit = l->value_or(kDefaultLimit);
  *offset = o->value_or(0);
  if (*limit == 0 || *limit > kMaxLimit) {
    return ErrorResponse(400, "invalid_query", "limit must be 1..500", "limit");
  }
  return std::nullopt;
}

boost::json::object KpiView(const projections::CallKpis& k) {
  boost::json::object o;
  o["total_calls"] = k.total_calls;
  o["completed_calls"] = k.completed_calls;
  o["failed_calls"] = k.failed_calls;
  o["total_duration"] = k.total_duration;
  o["average_duration"] = k.AverageDuration();
  boost::json::object by_status;
  for (const auto& [status, count] : k.by_status) by_status[status] = count;
  o["by_status"] = std::move(by_status);
  o["answered_calls"] = k.answered_calls;
  o["abandoned_calls"] = k.abandoned_calls;
  o["pending_calls"] = k.pending_calls;
  o["answer_rate"] = k.AnswerRate();
  o["average_speed_of_answer"] = k.AverageSpeedOfAnswer();
  o["average_handle_time"] = k.AverageHandleTime();
  o["abandonment_rate"] = k.AbandonmentRate();
  o["service_level"] = k.ServiceLevel();
  return o;
}

void ListSessions(std::shared_ptr<const ApiContext> context, const Principal& caller,
                  const Request& request, Responder respond) {
  CallFilter filter;
  uint64_t limit = 0, offset = 0;
  if (auto error = ReadCallFilter(caller, request, &filter)) return respond(std::move(*error));
  if (auto error = ReadPage(request, &limit, &offset)) return respond(std::move(*error));
  AnswerFromModel(context, projections::CallSessionsProjection::kName, request, std::move(respond),
                  [filter, limit, offset](const projections::ModelReader& model) -> ModelAnswer {
                    auto page = projections::ListCalls(model, filter, limit, offset);
                    if (!page.ok()) return FailureResponse(page.status());
                    boost::json::array sessions;
                    for (const auto& [id, call] : page->sessions) {
                      sessions.push_back(CallView(id, call));
                    }
                    boost::json::object body;
                    body["total"] = page->total;
                    body["limit"] = limit;
                    body["offset"] = offset;
                    body["sessions"] = std::move(sessions);
                    return body;
                  });
}

void Stats(std::shared_ptr<const ApiContext> context, const Principal& caller,
           const Request& request, Responder respond) {
  projections::CallStatsQuery query;
  if (auto error = ReadCallFilter(caller, request, &query.filter))
    return respond(std::move(*error));
  auto threshold = UintParam(request, "service_level_seconds");
  if (!threshold.ok()) return respond(InvalidQuery(threshold.status(), "service_level_seconds"));
  query.service_level_seconds = static_cast<int64_t>(threshold->value_or(20));
  if (auto interval = request.Query("interval")) {
    if (*interval == "hour") {
      query.interval_seconds = 3600;
    } else if (*interval == "day") {
      query.interval_seconds = 86400;
    } else {
      return respond(ErrorResponse(400, "invalid_query", "interval is hour or day", "interval"));
    }
  }
  AnswerFromModel(context, projections::CallSessionsProjection::kName, request, std::move(respond),
                  [query](const projections::ModelReader& model) -> ModelAnswer {
                    auto stats = projections::ComputeCallStats(model, query);
                    if (!stats.ok()) return FailureResponse(stats.status());
                    boost::json::object body = KpiView(stats->overall);
                    body["service_level_seconds"] = query.service_level_seconds;
                    boost::json::array agents;
                    for (const auto& [agent_id, kpis] : stats->by_agent) {
                      auto row = KpiView(kpis);
                      row["agent_id"] = agent_id;
                      agents.push_back(std::move(row));
                    }
                    body["by_agent"] = std::move(agents);
                    if (query.interval_seconds > 0) {
                      boost::json::array windows;
                      for (const auto& [start, kpis] : stats->by_window) {
                        auto row = KpiView(kpis);
                        row["start"] = domain::FormatTimestamp(start);
                        windows.push_back(std::move(row));
                      }
                      body["by_window"] = std::move(windows);
                    }
                    return body;
                  });
}

}  // namespace

void AddQueryRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("GET", "/api/v1/click-to-call/sessions",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               ListSessions(context, caller, request, std::move(respond));
             }));

  router.Add("GET", "/api/v1/click-to-call/stats",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               if (caller.role == Role::kCustomer) {
                 return respond(ForbiddenResponse("statistics are for agents and staff"));
               }
               Stats(context, caller, request, std::move(respond));
             }));

  router.Add(
      "GET", "/api/v1/agents",
      Guard(context, [context](const Principal& caller, Request request, PathParams,
                               Responder respond) {
        if (!IsStaff(caller)) return respond(ForbiddenResponse("the agent board is for staff"));
        const domain::Timestamp now = context->runtime->options().clock();
        AnswerFromModel(
            context, projections::AgentsProjection::kName, request, std::move(respond),
            [tenant = caller.tenant, now](const projections::ModelReader& model) -> ModelAnswer {
              auto rows = projections::AgentBoard(model, tenant, now);
              if (!rows.ok()) return FailureResponse(rows.status());
              boost::json::array agents;
              for (const auto& row : *rows) {
                auto view = AgentView(row.id, row.state);
                view["calls_today"] = row.calls_today;
                view["load"] = row.state.CurrentLoad();
                view["can_take_work"] = domain::CanTakeWork(row.state.status);
                agents.push_back(std::move(view));
              }
              boost::json::object body;
              body["total"] = agents.size();
              body["agents"] = std::move(agents);
              return body;
            });
      }));

  router.Add("GET", "/api/v1/agents/{id}/activity",
             Guard(context, [context](const Principal& caller, Request request, PathParams params,
                                      Responder respond) {
               const std::string id = params["id"];
               if (!ActsAsAgent(caller, id)) {
                 return respond(ForbiddenResponse("an agent sees only its own activity"));
               }
               uint64_t limit = 0, offset = 0;
               if (auto error = ReadPage(request, &limit, &offset)) return respond(*error);
               AnswerFromModel(
                   context, projections::AgentsProjection::kName, request, std::move(respond),
                   [tenant = caller.tenant, id, limit,
                    offset](const projections::ModelReader& model) -> ModelAnswer {
                     auto page = projections::AgentActivity(model, tenant, id, limit, offset);
                     if (!page.ok()) return FailureResponse(page.status());
                     boost::json::array entries;
                     for (const auto& entry : page->entries) {
                       auto value = boost::json::parse(entry).as_object();
                       value["agent_id"] = id;
                       entries.push_back(std::move(value));
                     }
                     boost::json::object body;
                     body["agent_id"] = id;
                     body["total"] = page->total;
                     body["limit"] = limit;
                     body["offset"] = offset;
                     body["activity"] = std::move(entries);
                     return body;
                   });
             }));

  router.Add("GET", "/api/v1/customers",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               if (caller.role == Role::kCustomer) {
                 return respond(ForbiddenResponse("the lead list is for agents and staff"));
               }
               const std::string availability = request.Query("availability").value_or("");
               if (!availability.empty() && availability != "live" && availability != "to_rescue") {
                 return respond(ErrorResponse(400, "invalid_query",
                                              "availability is live or to_rescue", "availability"));
               }
               AnswerFromModel(
                   context, projections::CustomersProjection::kName, request, std::move(respond),
                   [tenant = caller.tenant,
                    availability](const projections::ModelReader& model) -> ModelAnswer {
                     auto customers = projections::ListCustomers(model, tenant, availability);
                     if (!customers.ok()) return FailureResponse(customers.status());
                     boost::json::array list;
                     for (const auto& [id, state] : *customers) {
                       list.push_back(CustomerView(id, state));
                     }
                     boost::json::object body;
                     body["total"] = list.size();
                     body["customers"] = std::move(list);
                     return body;
                   });
             }));
}

}  // namespace sb::http::api
