// The JSON the API shows for each entity: its state as the domain codec writes it, plus its id
// (and, for calls, seed 001's session fields).
#ifndef SWITCHBOARD_HTTP_API_VIEWS_H_
#define SWITCHBOARD_HTTP_API_VIEWS_H_

#include <string>

#include <boost/json/object.hpp>

#include "domain/agent_state.h"
#include "domain/call_state.h"
#include "domain/customer_state.h"

namespace sb::http::api {

// Seed 001's provider-facing session id, derived from the call id ("sess_" + 32 hex digits).
std::string SessionIdOf(const std::string& call_id);
// The call id a session id stands for (the inverse of SessionIdOf); `text` itself when it is
// not a session id.
std::string CallIdOfSession(const std::string& text);

boost::json::object CallView(const std::string& id, const domain::CallState& state);
boost::json::object AgentView(const std::string& id, const domain::AgentState& state);
boost::json::object CustomerView(const std::string& id, const domain::CustomerState& state);

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_VIEWS_H_
