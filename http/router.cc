#include "http/router.h"

#include <atomic>
#include <exception>
#include <memory>
#include <string_view>
#include <utility>

#include "domain/ascii.h"
#include "http/target.h"

namespace sb::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    const size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string_view MediaType(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  const size_t first = content_type.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = content_type.find_last_not_of(" \t");
  return content_type.substr(first, last - first + 1);
}

bool AcceptsContentType(const RouteOptions& options, const Request& request) {
  if (options.content_types.empty()) return true;
  const auto header = request.Header("content-type");
  if (!header) return false;
  const std::string_view media = MediaType(*header);
  for (const auto& accepted : options.content_types) {
    if (domain::EqualsIgnoreCase(media, accepted)) return true;
  }
  return false;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  std::vector<Segment> segments;
  for (std::string_view part : SplitPath(pattern)) {
    const bool is_param = part.size() > 2 && part.front() == '{' && part.back() == '}';
    if (is_param) part = part.substr(1, part.size() - 2);
    segments.push_back(Segment{is_param, std::string(part)});
  }
  Resource* resource = nullptr;
  for (auto& r : resources_) {
    if (r.pattern == pattern) resource = &r;
  }
  if (resource == nullptr) {
    resource = &resources_.emplace_back();
    resource->pattern = std::move(pattern);
    resource->segments = std::move(segments);
  }
  resource->routes[std::move(method)] = Route{std::move(handler), std::move(options)};
}

const Router::Resource* Router::Match(const Request& request, PathParams* params) const {
  // Split the raw path and decode segment by segment, so an escaped '/' (%2F) stays inside its
  // segment. A hand-built Request without a target is matched on its (decoded) path.
  const bool raw = !request.target.empty();
  const std::vector<std::string_view> parts =
      SplitPath(raw ? RawPath(request.target) : std::string_view(request.path));
  std::vector<std::string> decoded;
  decoded.reserve(parts.size());
  for (std::string_view part : parts) {
    if (!raw) {
      decoded.emplace_back(part);
      continue;
    }
    auto d = PercentDecode(part, /*plus_is_space=*/false);
    if (!d) return nullptr;
    decoded.push_back(std::move(*d));
  }

  const Resource* best = nullptr;
  for (const auto& resource : resources_) {
    if (resource.segments.size() != decoded.size()) continue;
    bool matches = true;
    for (size_t i = 0; i < decoded.size() && matches; ++i) {
      const Segment& s = resource.segments[i];
      matches = s.is_param ? !decoded[i].empty() : s.text == decoded[i];
    }
    if (!matches) continue;
    if (best != nullptr) {
      // Both match the same path: the first segment where one is literal and the other a
      // parameter decides; otherwise the first added stays.
      bool more_specific = false;
      for (size_t i = 0; i < decoded.size(); ++i) {
        if (best->segments[i].is_param != resource.segments[i].is_param) {
          more_specific = best->segments[i].is_param;
          break;
        }
      }
      if (!more_specific) continue;
    }
    best = &resource;
  }
  if (best != nullptr && params != nullptr) {
    params->clear();
    for (size_t i = 0; i < decoded.size(); ++i) {
      if (best->segments[i].is_param) (*params)[best->segments[i].text] = std::move(decoded[i]);
    }
  }
  return best;
}

void Router::Dispatch(Request request, Responder respond) const {
  PathParams params;
  const Resource* resource = Match(request, &params);
  if (resource == nullptr) {
    respond(ErrorResponse(404, "not_found", "no resource at " + request.path));
    return;
  }
  auto route = resource->routes.find(request.method);
  if (route == resource->routes.end()) {
    std::string allow;
    for (const auto& [method, unused] : resource->routes) {
      if (!allow.empty()) allow += ", ";
      allow += method;
    }
    Response r = ErrorResponse(405, "method_not_allowed",
                               request.method + " is not allowed on " + resource->pattern);
    r.headers.emplace_back("Allow", std::move(allow));
    respond(std::move(r));
    return;
  }
  if (!request.body.empty() && !AcceptsContentType(route->second.options, request)) {
    respond(ErrorResponse(415, "unsupported_media_type",
                          "the body's Content-Type is not accepted here", "Content-Type"));
    return;
  }
  // A handler may answer and then throw; the guard keeps the 500 from being a second answer.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  Responder once = [answered, respond, hook = answer_hook_, method = request.method](Response r) {
    if (answered->exchange(true)) return;
    if (hook) (*hook)(method, &r);
    respond(std::move(r));
  };
  try {
    route->second.handler(std::move(request), std::move(params), once);
  } catch (...) {
    once(ErrorResponse(500, "internal", "internal error"));
  }
}

void Router::SetAnswerHook(AnswerHook hook) {
  answer_hook_ = std::make_shared<const AnswerHook>(std::move(hook));
}

std::string Router::RouteLabel(const Request& request) const {
  const Resource* resource = Match(request, nullptr);
  return resource ? resource->pattern : "unmatched";
}

}  // namespace sb::http
