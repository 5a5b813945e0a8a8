// Answers of the API: entity replies, rejections and failures mapped to HTTP.
#ifndef SWITCHBOARD_HTTP_API_ANSWERS_H_
#define SWITCHBOARD_HTTP_API_ANSWERS_H_

#include "domain/rejection.h"
#include "domain/status.h"
#include "http/response.h"

namespace sb::http::api {

// 404/409/422/403 with {"error":{code,message,field,holder?}}; `holder` names who holds a
// contested resource (customer_busy, agent_busy).
Response RejectionResponse(const domain::Rejection& rejection);

// The log or an actor failed: 503 "unavailable" (the request may be retried; nothing was
// acknowledged).
Response FailureResponse(const Status& status);

// A caller may not see the entity: answered as if it did not exist.
Response NotFoundResponse(const char* what);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_ANSWERS_H_
