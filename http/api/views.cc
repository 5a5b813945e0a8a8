#include "http/api/views.h"

#include <boost/json.hpp>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"

namespace sb::http::api {
namespace {

// The state codec is the one description of an entity's fields; the view starts from it.
boost::json::object FromState(const std::string& id, const std::string& state_json) {
  boost::json::object o;
  o["id"] = id;
  boost::json::value state = boost::json::parse(state_json);
  for (auto& [key, value] : state.as_object()) {
    if (key != "exists") o[key] = value;
  }
  return o;
}

}  // namespace

std::string SessionIdOf(const std::string& call_id) {
  std::string out = "sess_";
  for (char c : call_id) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

std::string CallIdOfSession(const std::string& text) {
  constexpr size_t kPrefix = 5;  // "sess_"
  if (text.size() != kPrefix + 32 || text.compare(0, kPrefix, "sess_") != 0) return text;
  std::string id;
  for (size_t i = kPrefix; i < text.size(); ++i) {
    const size_t n = i - kPrefix;
    if (n == 8 || n == 12 || n == 16 || n == 20) id.push_back('-');
    id.push_back(text[i]);
  }
  return id;
}

boost::json::object CallView(const std::string& id, const domain::CallState& state) {
  auto o = FromState(id, domain::CallDecider::EncodeState(state));
  o["session_id"] = SessionIdOf(id);
  return o;
}

boost::json::object AgentView(const std::string& id, const domain::AgentState& state) {
  return FromState(id, domain::AgentDecider::EncodeState(state));
}

boost::json::object CustomerView(const std::string& id, const domain::CustomerState& state) {
  return FromState(id, domain::CustomerDecider::EncodeState(state));
}

}  // namespace sb::http::api
