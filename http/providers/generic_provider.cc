#include "http/providers/generic_provider.h"

#include <strings.h>

#include <cctype>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/providers/adapter_util.h"
#include "http/providers/encoding.h"

namespace sb::providers {

using namespace internal;  // NOLINT: the adapter helpers
namespace json = boost::json;

namespace {

// How a value is escaped in the body, from the media type (parameters ignored).
enum class BodyEscape { kJson, kForm, kRaw };

BodyEscape EscapeFor(std::string_view content_type) {
  std::string type;
  for (char c : content_type.substr(0, content_type.find(';'))) {
    if (c != ' ') type.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (type == "application/json" || (type.size() > 5 && type.substr(type.size() - 5) == "+json")) {
    return BodyEscape::kJson;
  }
  if (type == "application/x-www-form-urlencoded") return BodyEscape::kForm;
  return BodyEscape::kRaw;
}

}  // namespace

Result<OutboundRequest> BuildGenericDial(const ProviderConfig& config, const DialRequest& dial) {
  if (Status s = CheckConfig(config, ProviderType::kGeneric); !s.ok()) return s;
  if (Status s = CheckE164("to", dial.to); !s.ok()) return s;
  const std::string from = FromNumber(config, dial);
  const std::string callback = CallbackUrl(config, dial);
  if (Status s = CheckOptionalUrl("status_callback_url", callback); !s.ok()) return s;
  const GenericSettings& g = config.generic;

  auto value_of = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "to") return dial.to;
    if (name == "from") return from;
    if (name == "call_id") return dial.call_id;
    if (name == "callback_url") return callback;
    return std::nullopt;
  };
  auto escaped = [&](auto escape) {
    return [&, escape](std::string_view name) -> std::optional<std::string> {
      auto v = value_of(name);
      if (!v) return std::nullopt;
      return escape(*v);
    };
  };

  const bool own_url = !g.url_template.empty();
  auto url = ExpandTemplate(own_url ? "generic.url_template" : "api_url",
                            own_url ? g.url_template : config.api_url,
                            escaped([](const std::string& v) { return PercentEncode(v); }));
  if (!url.ok()) return url.status();
  OutboundRequest request = NewRequest(config, g.method, *url);

  bool has_authorization = false;
  for (const auto& [name, value_template] : g.headers) {
    auto value = ExpandTemplate("generic.headers", value_template, value_of);
    if (!value.ok()) return value.status();
    if (value->find_first_of("\r\n") != std::string::npos) {
      return Status::InvalidArgument("generic.headers: a value put into " + name +
                                     " contains CR or LF");
    }
    if (::strcasecmp(name.c_str(), "authorization") == 0) has_authorization = true;
    request.headers.emplace_back(name, std::move(*value));
  }
  if (!has_authorization && !config.auth_token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + config.auth_token);
  }

  if (!g.body_template.empty()) {
    Result<std::string> body = Status::InvalidArgument("unset");
    switch (EscapeFor(g.content_type)) {
      case BodyEscape::kJson:
        body = ExpandTemplate("generic.body_template", g.body_template,
                              escaped([](const std::string& v) { return JsonStringContents(v); }));
        break;
      case BodyEscape::kForm:
        body = ExpandTemplate("generic.body_template", g.body_template,
                              escaped([](const std::string& v) { return PercentEncode(v); }));
        break;
      case BodyEscape::kRaw:
        body = ExpandTemplate("generic.body_template", g.body_template, value_of);
        break;
    }
    if (!body.ok()) return body.status();
    request.body = std::move(*body);
    request.content_type = g.content_type;
  }
  return request;
}

Result<DialAccepted> ParseGenericDialResponse(const GenericSettings& settings, int status,
                                              const std::string& body) {
  return ParseJsonDialAnswer(
      "generic", status, body,
      [&](const json::value& v) -> std::optional<DialAccepted> {
        json::error_code ec;
        const json::value* id = v.find_pointer(settings.call_id_pointer, ec);
        if (ec || id == nullptr) return std::nullopt;
        DialAccepted accepted;
        if (id->is_string()) {
          accepted.provider_call_id = std::string(id->as_string());
        } else if (id->is_int64() || id->is_uint64()) {
          accepted.provider_call_id = json::serialize(*id);
        } else {
          return std::nullopt;
        }
        accepted.provider_status = StringField(&v, "status").value_or("");
        return accepted;
      },
      [](const json::value* v) {
        for (const char* key : {"message", "error"}) {
          if (auto s = StringField(v, key)) return *s;
        }
        return std::string();
      });
}

}  // namespace sb::providers
