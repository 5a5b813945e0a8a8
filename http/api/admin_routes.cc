// Operator routes (issue 4 §4): a backup of the running server's data directory.
//
// POST /api/v1/admin/backup {"to": "/abs/dir"} writes a RocksDB checkpoint of the open log
// (appends go on meanwhile) and answers 201 {"path","last_position"} once it is on disk, with
// the last position read back from the copy itself. Admins only. The checkpoint and every file
// system call run on the API's blocking pool, never on the I/O thread.
#include <boost/json.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <variant>

#include "http/api/guard.h"
#include "http/api/json_body.h"
#include "http/api/pool_answer.h"
#include "http/api/routes.h"

namespace sb::http::api {
namespace {

namespace fs = std::filesystem;

Response InvalidPath(const std::string& message) {
  return ErrorResponse(422, "invalid_path", message, "to");
}

Response TargetExists(const std::string& path) {
  return ErrorResponse(409, "backup_target_exists",
                       "backup target " + path + " already exists; a backup never overwrites",
                       "to");
}

// Runs on the pool.
Response WriteBackup(es::EventStore& store, const fs::path& target) {
  std::error_code ec;
  if (fs::exists(target, ec)) return TargetExists(target.string());
  if (!fs::is_directory(target.parent_path(), ec)) {
    return InvalidPath("the parent directory " + target.parent_path().string() + " does not exist");
  }
  Status status = store.Backup(target.string());
  if (!status.ok()) {
    // Another request may have created the target since the check above.
    if (fs::exists(target, ec)) return TargetExists(target.string());
    return ErrorResponse(500, "backup_failed", status.ToString());
  }
  // What the copy holds, read back from it: that also proves it opens.
  es::StoreOptions follower;
  follower.follower = true;
  auto copy = es::EventStore::Open(target.string(), follower);
  if (!copy.ok()) {
    return ErrorResponse(500, "backup_failed",
                         "the backup was written but does not open: " + copy.status().ToString());
  }
  return JsonResponse(201, boost::json::object{{"path", target.string()},
                                               {"last_position", (*copy)->LastPosition()}});
}

}  // namespace

void AddAdminRoutes(Router& router, std::shared_ptr<const ApiContext> context) {
  router.Add("POST", "/api/v1/admin/backup",
             Guard(context, [context](const Principal& caller, Request request, PathParams,
                                      Responder respond) {
               if (caller.role != Role::kAdmin) return respond(ForbiddenResponse("admin only"));
               auto parsed = JsonBody::Parse(request.body, {"to"});
               if (auto* error = std::get_if<Response>(&parsed)) return respond(std::move(*error));
               auto& body = std::get<JsonBody>(parsed);
               std::string to;
               body.String("to", &to, /*required=*/true);
               if (body.error()) return respond(*body.error());
               fs::path target = fs::path(to).lexically_normal();
               if (!target.has_filename()) target = target.parent_path();  // "/backups/x/"
               // The server's working directory is no business of the caller's.
               if (to.empty() || !target.is_absolute()) {
                 return respond(InvalidPath("to must be an absolute directory path"));
               }
               if (target == target.root_path()) {
                 return respond(InvalidPath("to must name a new directory, not " + to));
               }
               AnswerOnPool(*context, std::move(respond),
                            [context, target] { return WriteBackup(*context->store, target); });
             }));
}

}  // namespace sb::http::api
