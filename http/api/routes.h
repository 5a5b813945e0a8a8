// The API's routes, one function per resource family.
#ifndef SWITCHBOARD_HTTP_API_ROUTES_H_
#define SWITCHBOARD_HTTP_API_ROUTES_H_

#include <memory>

#include "http/api/api_context.h"
#include "http/router.h"

namespace sb::http::api {

void AddHealthRoutes(Router& router, std::shared_ptr<const ApiContext> context);
void AddCallRoutes(Router& router, std::shared_ptr<const ApiContext> context);
void AddAgentRoutes(Router& router, std::shared_ptr<const ApiContext> context);
void AddCustomerRoutes(Router& router, std::shared_ptr<const ApiContext> context);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_ROUTES_H_
