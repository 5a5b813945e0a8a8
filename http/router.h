// Router: maps (method, path pattern) to a handler. Handlers answer asynchronously through a
// Responder, so a handler can ask an actor and return at once without blocking an I/O thread.
#ifndef SWITCHBOARD_HTTP_ROUTER_H_
#define SWITCHBOARD_HTTP_ROUTER_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace sb::http {

using PathParams = std::map<std::string, std::string>;
// Called exactly once, from any thread; the answer is written on the connection's own executor.
// A Responder destroyed without being called answers 500 "request dropped" (see server.h).
using Responder = std::function<void(Response)>;
using Handler = std::function<void(Request request, PathParams params, Responder respond)>;

// Sees each answer a route's handler gives, before it is sent, on the thread that answers:
// for what every answer of a kind carries. Not called for the router's own 404/405/415.
using AnswerHook = std::function<void(const std::string& method, Response* response)>;

struct RouteOptions {
  // Media types accepted for a non-empty body (compared without parameters such as charset,
  // ignoring case). Empty: any type, e.g. for uploads.
  std::vector<std::string> content_types = {"application/json"};
};

class Router {
 public:
  // `pattern` is a path of literal segments and `{name}` parameters, e.g.
  // "/api/v1/calls/{id}/accept". A parameter matches one non-empty segment and is handed to the
  // handler percent-decoded. Adding the same method and pattern again replaces the handler.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  // Finds the route and calls its handler, or answers itself:
  //   no pattern matches the path                      -> 404 not_found
  //   the path's resource has no route for the method  -> 405 method_not_allowed + Allow
  //   a body whose Content-Type the route does not take -> 415 unsupported_media_type
  // When several patterns match, the resource is the most specific one: at the first segment
  // where they differ a literal beats a parameter ("/calls/stats" beats "/calls/{id}"), and only
  // its methods count (so a POST to "/calls/stats" with only GET there is 405, not "/calls/{id}").
  // A handler that throws answers 500 internal; nothing escapes. `respond` is called once.
  void Dispatch(Request request, Responder respond) const;

  // Set before serving; applies to every route.
  void SetAnswerHook(AnswerHook hook);

  // The pattern of the resource the path matched (whatever the method), "unmatched" otherwise:
  // a label for metrics with a bounded number of values.
  std::string RouteLabel(const Request& request) const;

 private:
  struct Segment {
    bool is_param;
    std::string text;  // the literal, or the parameter's name
  };
  struct Route {
    Handler handler;
    RouteOptions options;
  };
  struct Resource {
    std::string pattern;
    std::vector<Segment> segments;
    std::map<std::string, Route> routes;  // by method
  };

  // The most specific resource matching the request's path, with its decoded parameters.
  const Resource* Match(const Request& request, PathParams* params) const;

  std::vector<Resource> resources_;
  std::shared_ptr<const AnswerHook> answer_hook_;  // shared: answers may outlive a dispatch
};

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_ROUTER_H_
