// Operators' view of the read models: each projection's position and lag, and online rebuilds
// (the old model keeps answering until the new one has caught up). Admin only.
#include <boost/json.hpp>

#include "http/api/answers.h"
#include "http/api/guard.h"
#include "http/api/pool_answer.h"
#include "http/api/routes.h"

namespace sb::http::api {
namespace {

boost::json::object InfoView(const projections::ProjectionInfo& info) {
  boost::json::object o;
  o["name"] = info.name;
  o["generation"] = info.generation;
  o["position"] = info.position;
  o["lag"] = info.lag;
  o["state"] = info.state;
  if (!info.error.empty()) o["error"] = info.error;
  if (info.rebuilding) {
    boost::json::object rebuild;
    rebuild["generation"] = info.rebuild_generation;
    rebuild["position"] = info.rebuild_position;
    if (!info.rebuild_error.empty()) rebuild["error"] = info.rebuild_error;
    o["rebuild"] = std::move(rebuild);
  } else {
    o["rebuild"] = nullptr;
  }
  return o;
}

}  // namespace

void AddProjectionRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add(
      "GET", "/api/v1/admin/projections",
      Guard(context, [context](const Principal& caller, Request, PathParams, Responder respond) {
        if (caller.role != Role::kAdmin) return respond(ForbiddenResponse("admin only"));
        boost::json::array list;
        for (const auto& info : context->projections->List()) list.push_back(InfoView(info));
        boost::json::object body;
        body["last_position"] = context->store->LastPosition();
        body["projections"] = std::move(list);
        respond(JsonResponse(200, body));
      }));

  router.Add("POST", "/api/v1/admin/projections/{name}/rebuild",
             Guard(context, [context](const Principal& caller, Request, PathParams params,
                                      Responder respond) {
               if (caller.role != Role::kAdmin) return respond(ForbiddenResponse("admin only"));
               const std::string name = params["name"];
               // Creating the new generation writes to RocksDB: not on the I/O thread.
               AnswerOnPool(*context, std::move(respond), [context, name]() -> Response {
                 Status s = context->projections->StartRebuild(name);
                 if (s.IsNotFound())
                   return ErrorResponse(404, "projection_not_found", s.message(), "name");
                 if (s.IsConflict()) return ErrorResponse(409, "rebuild_in_progress", s.message());
                 if (!s.ok()) return FailureResponse(s);
                 for (const auto& info : context->projections->List()) {
                   if (info.name == name) return JsonResponse(202, InfoView(info));
                 }
                 return FailureResponse(Status::NotFound(name));
               });
             }));
}

}  // namespace sb::http::api
