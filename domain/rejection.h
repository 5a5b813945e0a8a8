// Rejection: why a decider refused a command. A rejection appends nothing; the HTTP layer
// maps its kind to a status code and its code/message/field to the error body.
#ifndef SWITCHBOARD_DOMAIN_REJECTION_H_
#define SWITCHBOARD_DOMAIN_REJECTION_H_

#include <string>
#include <utility>

namespace sb::domain {

struct Rejection {
  enum class Kind {
    kInvalid,    // 422: the command breaks a rule on its own (bad phone, missing notes)
    kConflict,   // 409: the command is fine but the entity's current state refuses it
    kNotFound,   // 404: the entity does not exist yet
    kForbidden,  // 403: the entity exists but this actor may not do that
  };

  Kind kind = Kind::kInvalid;
  std::string code;     // stable, machine-readable: "customer_busy", "illegal_transition", ...
  std::string message;  // for people
  std::string field;    // the offending input field, when there is one
  std::string holder;   // who holds the contested resource (e.g. the call id of customer_busy)

  static Rejection Invalid(std::string code, std::string message, std::string field = {}) {
    return {Kind::kInvalid, std::move(code), std::move(message), std::move(field), {}};
  }
  static Rejection Conflict(std::string code, std::string message, std::string holder = {}) {
    return {Kind::kConflict, std::move(code), std::move(message), {}, std::move(holder)};
  }
  static Rejection NotFound(std::string code, std::string message) {
    return {Kind::kNotFound, std::move(code), std::move(message), {}, {}};
  }
  static Rejection Forbidden(std::string code, std::string message) {
    return {Kind::kForbidden, std::move(code), std::move(message), {}, {}};
  }
};

// The HTTP status a rejection of this kind answers with.
constexpr int HttpStatusOf(Rejection::Kind kind) {
  switch (kind) {
    case Rejection::Kind::kInvalid:
      return 422;
    case Rejection::Kind::kConflict:
      return 409;
    case Rejection::Kind::kNotFound:
      return 404;
    case Rejection::Kind::kForbidden:
      return 403;
  }
  return 500;
}

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_REJECTION_H_
