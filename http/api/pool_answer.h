// Answering a request with blocking work (log reads, checkpoints) done on ApiContext::blocking,
// never on the Asio I/O thread that dispatched it.
#ifndef SWITCHBOARD_HTTP_API_POOL_ANSWER_H_
#define SWITCHBOARD_HTTP_API_POOL_ANSWER_H_

#include <functional>
#include <utility>

#include "http/api/api_context.h"
#include "http/response.h"
#include "http/router.h"

namespace sb::http::api {

// Runs `work` on the blocking pool and answers with what it returns. `respond` is called exactly
// once, from a pool thread: with 500 "internal" if `work` throws (nothing escapes the job), or
// 503 "unavailable" at once when the context has no pool.
inline void AnswerOnPool(const ApiContext& context, Responder respond,
                         std::function<Response()> work) {
  if (!context.blocking) {
    return respond(ErrorResponse(503, "unavailable", "no pool for blocking work"));
  }
  context.blocking->Post([respond = std::move(respond), work = std::move(work)] {
    Response response;
    try {
      response = work();
    } catch (...) {
      response = ErrorResponse(500, "internal", "internal error");
    }
    respond(std::move(response));
  });
}

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_POOL_ANSWER_H_
