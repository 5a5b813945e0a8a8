#include "actors/entity_key.h"

#include <string>

namespace sb::actors {
namespace {

constexpr size_t kMaxIdLength = 128;

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '@' || c == '+' || c == '-';
}

}  // namespace

Status ValidateId(std::string_view id, std::string_view what) {
  if (id.empty()) return Status::InvalidArgument(std::string(what) + " is required");
  if (id.size() > kMaxIdLength) {
    return Status::InvalidArgument(std::string(what) + " is longer than 128 characters");
  }
  for (char c : id) {
    if (!IsIdChar(c)) {
      return Status::InvalidArgument(std::string(what) +
                                     " may only hold letters, digits and . _ : @ + -");
    }
  }
  return Status::OK();
}

}  // namespace sb::actors
