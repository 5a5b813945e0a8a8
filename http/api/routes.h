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
// Read-model queries: session list, statistics, agent board and activity, leads.
void AddQueryRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// Operators: projections (list, online rebuild).
void AddProjectionRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// Audits: a stream's events and its state at an instant (staff).
void AddAuditRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// VoIP providers: CRUD, admin only, secrets masked on reads.
void AddProviderRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// Queues (configure, read) and offers (accept, reject).
void AddQueueRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// Provider webhooks (signed, public) and the webhook log (admin).
void AddWebhookRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// Seed 004: public support requests (rate-limited) and hand-made call records (staff).
void AddSupportRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// The calling policy: number lists, caller IDs, calling hours, recording (admin).
void AddPolicyRoutes(Router& router, std::shared_ptr<const ApiContext> context);
// Operators: a backup of the running log (admin).
void AddAdminRoutes(Router& router, std::shared_ptr<const ApiContext> context);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_ROUTES_H_
