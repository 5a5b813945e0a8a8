// mCube click-to-call. No public API documentation for mCube could be found (searched the
// docs and pages corpora for mCube / mcube.com outbound and click-to-call APIs), so this
// adapter implements what seed 001 states — api_url, a bearer auth_token, phone_number — and
// ASSUMES the rest, listed here and in docs/providers.md:
//   - the request is `POST {api_url}` exactly as configured (the full endpoint, no path added);
//   - the body is JSON {"exenumber": agent (rung first), "custnumber": customer,
//     "callerid": our number, "refid": call_id, "refurl": status callback}, the parameter names
//     of mCube's click-to-call integrations as commonly seen, not verified against mCube;
//   - a 2xx answer is JSON carrying the call id in "callid", "call_id" or "id" (first found),
//     and an optional "status"; errors are classified by HTTP status alone.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_MCUBE_H_
#define SWITCHBOARD_HTTP_PROVIDERS_MCUBE_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// As assumed above; `Authorization: Bearer auth_token`. "exenumber" is the agent_number when
// given, else omitted (the account's default executive).
Result<OutboundRequest> BuildMcubeDial(const ProviderConfig& config, const DialRequest& dial);

Result<DialAccepted> ParseMcubeDialResponse(int status, const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_MCUBE_H_
