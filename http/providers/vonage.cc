#include "http/providers/vonage.h"

#include <jwt.h>

#include <cstdlib>
#include <ctime>
#include <memory>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "http/providers/adapter_util.h"
#include "http/providers/url.h"

namespace sb::providers {

using namespace internal;  // NOLINT: the adapter helpers
namespace json = boost::json;

namespace {

// Vonage writes numbers as E.164 digits without the '+' ("14155550100").
std::string VonageNumber(const std::string& e164) { return e164.substr(1); }

Result<std::string> SignJwt(const VonageSettings& settings, int64_t iat, const std::string& jti) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0 || raw == nullptr) return Status::Unavailable("vonage: jwt_new failed");
  std::unique_ptr<jwt_t, decltype(&jwt_free)> token(raw, &jwt_free);
  const long exp = static_cast<long>(iat + settings.jwt_lifetime_seconds);
  if (jwt_add_grant(token.get(), "application_id", settings.application_id.c_str()) != 0 ||
      jwt_add_grant_int(token.get(), "iat", static_cast<long>(iat)) != 0 ||
      jwt_add_grant_int(token.get(), "exp", exp) != 0 ||
      jwt_add_grant(token.get(), "jti", jti.c_str()) != 0) {
    return Status::InvalidArgument("vonage.application_id: cannot be put in a JWT");
  }
  const auto* key = reinterpret_cast<const unsigned char*>(settings.private_key_pem.data());
  if (jwt_set_alg(token.get(), JWT_ALG_RS256, key,
                  static_cast<int>(settings.private_key_pem.size())) != 0) {
    return Status::InvalidArgument("vonage.private_key_pem: libjwt refused the key");
  }
  char* encoded = jwt_encode_str(token.get());
  if (encoded == nullptr) {
    return Status::InvalidArgument("vonage.private_key_pem: signing the JWT failed");
  }
  std::string out(encoded);
  std::free(encoded);
  return out;
}

}  // namespace

Result<OutboundRequest> BuildVonageDial(const ProviderConfig& config, const DialRequest& dial) {
  if (Status s = CheckConfig(config, ProviderType::kVonage); !s.ok()) return s;
  if (Status s = CheckE164("to", dial.to); !s.ok()) return s;
  const std::string from = FromNumber(config, dial);
  if (Status s = CheckE164("from", from); !s.ok()) return s;
  const std::string callback = CallbackUrl(config, dial);
  if (Status s = CheckOptionalUrl("status_callback_url", callback); !s.ok()) return s;

  const int64_t iat =
      dial.now_unix_seconds != 0 ? dial.now_unix_seconds : static_cast<int64_t>(std::time(nullptr));
  const std::string jti = dial.attempt_id.empty()
                              ? boost::uuids::to_string(boost::uuids::random_generator()())
                              : dial.attempt_id;
  auto jwt = SignJwt(config.vonage, iat, jti);
  if (!jwt.ok()) return jwt.status();

  json::object body;
  body["to"] = json::array{json::object{{"type", "phone"}, {"number", VonageNumber(dial.to)}}};
  body["from"] = json::object{{"type", "phone"}, {"number", VonageNumber(from)}};
  if (!config.vonage.answer_url.empty()) {
    body["answer_url"] = json::array{json::value(config.vonage.answer_url)};
  } else {
    body["ncco"] = json::parse(config.vonage.ncco_json);  // validated as an array above
  }
  if (!callback.empty()) {
    body["event_url"] = json::array{json::value(callback)};
    body["event_method"] = "POST";
  }
  const std::string base = config.api_url.empty() ? "https://api.nexmo.com" : config.api_url;
  OutboundRequest request = NewRequest(config, "POST", JoinUrl(base, "/v1/calls"));
  request.body = json::serialize(body);
  request.content_type = "application/json";
  request.headers = {{"Authorization", "Bearer " + *jwt}, {"Accept", "application/json"}};
  return request;
}

Result<DialAccepted> ParseVonageDialResponse(int status, const std::string& body) {
  return ParseJsonDialAnswer(
      "vonage", status, body,
      [](const json::value& v) -> std::optional<DialAccepted> {
        auto uuid = StringField(&v, "uuid");
        if (!uuid) return std::nullopt;
        return DialAccepted{*uuid, StringField(&v, "status").value_or(""), 0};
      },
      [](const json::value* v) {
        std::string title = StringField(v, "title").value_or("");
        std::string detail = StringField(v, "detail").value_or("");
        if (!title.empty() && !detail.empty()) return title + ": " + detail;
        return title + detail;
      });
}

}  // namespace sb::providers
